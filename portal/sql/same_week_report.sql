-- The department's report in force for the given week, if it sent one.
SELECT iso_year || '-W' || lpad(CAST(week AS VARCHAR), 2, '0') AS period, leads, signed_projects,
       registered_enterprises
FROM marts.department_weekly
WHERE department_code = $department AND reported AND iso_year = $year AND week = $week
