CREATE OR REPLACE TABLE core.department_activities AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_activities x
JOIN core.department_reports r USING (load_id);

COMMENT ON TABLE core.department_activities IS '部门招商活动（在用报告的每一行）department promotion activities of the reports in force, with the ISO year and week the report counts in; other columns as in raw.dept_activities';
