-- 六职招商: each planned project of the year and how far it has got.
SELECT leader, project_name, investor, bureau_stage, signed_on, array_to_string(reported_by, '、') AS reported_by,
       coalesce(signed, false) AS signed, fulfilled, started
FROM marts.six_post_project_status
WHERE year = $year
ORDER BY leader, project_name;
