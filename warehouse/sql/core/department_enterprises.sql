CREATE OR REPLACE TABLE core.department_enterprises AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_enterprises x
JOIN core.department_reports r USING (load_id);
