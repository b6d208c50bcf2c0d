-- The latest ISO week a department ranking exists for.
SELECT year, week FROM marts.department_ranking ORDER BY year DESC, week DESC LIMIT 1;
