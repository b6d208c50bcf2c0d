CREATE OR REPLACE TABLE core.departments AS
SELECT code AS department_code, name AS department_name, aliases FROM raw.ref_departments;

COMMENT ON TABLE core.departments IS '部门名单 departments and their aliases (reference/departments.csv)';
COMMENT ON COLUMN core.departments.department_code IS '部门代码 department code';
COMMENT ON COLUMN core.departments.department_name IS '部门名称 department name';
COMMENT ON COLUMN core.departments.aliases IS '别名 other names the department is written as';
