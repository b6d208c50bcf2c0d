CREATE OR REPLACE TABLE core.department_leads AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_leads x
JOIN core.department_reports r USING (load_id);
