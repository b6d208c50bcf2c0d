-- Departments not ranked in the week because they have not sent a report they owed by then (reference/cadence.csv:
-- a monthly reporter owes nothing in most weeks), with the period owed. One that has sent nothing and owes nothing
-- yet (before its start) is not ranked either, but owes nothing.
SELECT department_code, department_name, iso_year, week, owed_period
FROM marts.department_ranking
WHERE iso_year = $iso_year AND week = $iso_week AND owed_period IS NOT NULL
ORDER BY department_code;
