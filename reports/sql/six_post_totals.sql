-- 六职招商: planned, signed, fulfilled and started projects of the year, all posts together.
SELECT CAST(sum(planned) AS BIGINT) AS planned, CAST(sum(signed) AS BIGINT) AS signed,
       CAST(sum(fulfilled) AS BIGINT) AS fulfilled, CAST(sum(started) AS BIGINT) AS started
FROM marts.six_post_projects
WHERE year = $year;
