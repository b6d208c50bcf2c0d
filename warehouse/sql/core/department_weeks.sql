-- The weeks each year is ranked over: from the first to the last week any department reported in.
CREATE OR REPLACE TABLE core.department_weeks AS
SELECT d.department_code, d.department_name, w.year, w.week
FROM core.departments d
CROSS JOIN (
    SELECT year, CAST(unnest(range(min(week), max(week) + 1)) AS INTEGER) AS week
    FROM core.department_reports GROUP BY year
) w;
