CREATE OR REPLACE TABLE core.department_leads AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_leads x
JOIN core.department_reports r USING (load_id);

COMMENT ON TABLE core.department_leads IS '部门上报的线索（在用报告的每一行）leads of the department reports in force, with the ISO year and week the report counts in; other columns as in raw.dept_leads';
