-- The weeks each year is ranked over: from the first to the last week any department reported in.
CREATE OR REPLACE TABLE core.department_weeks AS
SELECT d.department_code, d.department_name, w.year, w.week
FROM core.departments d
CROSS JOIN (
    SELECT year, CAST(unnest(range(min(week), max(week) + 1)) AS INTEGER) AS week
    FROM core.department_reports GROUP BY year
) w;

COMMENT ON TABLE core.department_weeks IS '排序周（每部门每个ISO周一行，从当年首个报送周到最后报送周）the weeks each year is ranked over, per department: from the first to the last week any department reported in';
COMMENT ON COLUMN core.department_weeks.department_code IS '部门代码 department code';
COMMENT ON COLUMN core.department_weeks.department_name IS '部门名称 department name';
COMMENT ON COLUMN core.department_weeks.year IS 'ISO年 ISO year';
COMMENT ON COLUMN core.department_weeks.week IS 'ISO周 ISO week';
