CREATE OR REPLACE TABLE core.departments AS
SELECT code AS department_code, name AS department_name, aliases FROM raw.ref_departments;
