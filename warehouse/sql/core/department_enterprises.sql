CREATE OR REPLACE TABLE core.department_enterprises AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_enterprises x
JOIN core.department_reports r USING (load_id);

COMMENT ON TABLE core.department_enterprises IS '部门上报的注册企业（在用报告的每一行）registered enterprises of the department reports in force, with the ISO year and week the report counts in; other columns as in raw.dept_enterprises';
COMMENT ON COLUMN core.department_enterprises.report_year IS '报告ISO年 ISO year of the week the report counts in (core.department_reports.year)';
COMMENT ON COLUMN core.department_enterprises.report_week IS '报告ISO周 ISO week the report counts in (core.department_reports.week)';
