-- 最近一周未报送的部门 Departments with no report in force for the latest week any department reported.
SELECT department_code, department_name, year, week
FROM marts.department_weekly
WHERE NOT reported
  AND year * 100 + week = (SELECT max(year * 100 + week) FROM marts.department_weekly)
ORDER BY department_code;
