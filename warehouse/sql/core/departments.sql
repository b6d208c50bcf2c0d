CREATE OR REPLACE TABLE core.departments AS
SELECT code AS department_code, name AS department_name, aliases, reports_from FROM raw.ref_departments;

COMMENT ON TABLE core.departments IS '部门名单 departments and their aliases (reference/departments.csv)';
COMMENT ON COLUMN core.departments.department_code IS '部门代码 department code';
COMMENT ON COLUMN core.departments.department_name IS '部门名称 department name';
COMMENT ON COLUMN core.departments.aliases IS '别名 other names the department is written as';
COMMENT ON COLUMN core.departments.reports_from IS '起报日期（departments.csv 的 reports_from；空 = 未写，按部门目标年份起算）the first day the department owes reports from, as departments.csv says; NULL when it says nothing (then the year of its first targets counts, see core.department_obligations)';
