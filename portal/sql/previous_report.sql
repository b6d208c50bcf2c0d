-- The department's latest reported week before the given one (ISO year, week), as marts.department_weekly counts it.
SELECT iso_year || '-W' || lpad(CAST(week AS VARCHAR), 2, '0') AS period, leads, signed_projects,
       registered_enterprises
FROM marts.department_weekly
WHERE department_code = $department AND reported AND (iso_year < $year OR (iso_year = $year AND week < $week))
ORDER BY iso_year DESC, week DESC
LIMIT 1
