-- Departments that sent no report for the week.
SELECT department_code, department_name, iso_year, week
FROM marts.department_weekly
WHERE iso_year = $iso_year AND week = $iso_week AND NOT reported
ORDER BY department_code;
