CREATE OR REPLACE TABLE core.department_activities AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_activities x
JOIN core.department_reports r USING (load_id);
