CREATE OR REPLACE TABLE core.department_leads AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_leads x
JOIN core.department_reports r USING (load_id);

COMMENT ON TABLE core.department_leads IS '部门上报的线索（在用报告的每一行）leads of the department reports in force, with the ISO year and week the report counts in; other columns as in raw.dept_leads';
COMMENT ON COLUMN core.department_leads.report_year IS '报告ISO年 ISO year of the week the report counts in (core.department_reports.year)';
COMMENT ON COLUMN core.department_leads.report_week IS '报告ISO周 ISO week the report counts in (core.department_reports.week)';
