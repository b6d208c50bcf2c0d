CREATE OR REPLACE TABLE core.department_signed_projects AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_signed_projects x
JOIN core.department_reports r USING (load_id);
