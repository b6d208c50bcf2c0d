-- `measure`: the department figure the activity type counts in (core.codes).
CREATE OR REPLACE TABLE core.department_activities AS
SELECT r.year AS report_year, r.week AS report_week, x.*, c.measure FROM raw.dept_activities x
JOIN core.department_reports r USING (load_id)
LEFT JOIN core.codes c ON c.list = 'activity_type' AND c.value = x.activity_type;

COMMENT ON TABLE core.department_activities IS '部门招商活动（在用报告的每一行）department promotion activities of the reports in force, with the ISO year and week the report counts in; other columns as in raw.dept_activities';
COMMENT ON COLUMN core.department_activities.measure IS '计入的指标 the figure it counts in: trips, enterprises_visited, investor_meetings or promotions (core.codes)';
COMMENT ON COLUMN core.department_activities.report_year IS '报告ISO年 ISO year of the week the report counts in (core.department_reports.year)';
COMMENT ON COLUMN core.department_activities.report_week IS '报告ISO周 ISO week the report counts in (core.department_reports.week)';
