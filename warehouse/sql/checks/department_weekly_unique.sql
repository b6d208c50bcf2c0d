-- 每个部门每周只有一行（重复报送已被替代）One row per department and week: resubmissions replaced, nothing counted twice.
-- column rows: 行数
SELECT department_code, iso_year, week, count(*) AS rows
FROM marts.department_weekly
GROUP BY ALL
HAVING count(*) > 1;
