-- The latest ISO week a department ranking exists for.
SELECT iso_year AS year, week FROM marts.department_ranking ORDER BY iso_year DESC, week DESC LIMIT 1;
