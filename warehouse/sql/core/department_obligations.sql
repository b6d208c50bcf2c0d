-- What each department owes, period by period, from its start to the as-of date: a weekly department every ISO
-- week, a monthly one every month. The start is what the reference data says, never earlier: departments.csv
-- reports_from (the period holding that day is the first owed); else the first period of the first year
-- department_targets.csv sets the department targets for; else, for a department with neither, the period of
-- its first report (it owes nothing before it has said anything). A department none of these speak for owes
-- nothing. A period is covered by a report in force that counts in it (its ISO week, or a week belonging to its
-- month: the rule of core.iso_weeks).
CREATE OR REPLACE TABLE core.department_obligations AS
WITH first_report AS (
    SELECT department_code, min(period_start) AS first_day FROM core.department_reports GROUP BY department_code
),
target_year AS (
    SELECT department_code, min(year) AS first_year FROM raw.ref_department_targets GROUP BY department_code
),
starts AS (
    SELECT c.department_code, d.department_name, c.cadence, c.due_days,
           CASE WHEN d.reports_from IS NOT NULL THEN d.reports_from
                -- The first period of the year: ISO week 1 (the week of 4 January), or January.
                WHEN t.first_year IS NOT NULL AND c.cadence = 'weekly'
                    THEN CAST(date_trunc('week', make_date(t.first_year, 1, 4)) AS DATE)
                WHEN t.first_year IS NOT NULL THEN make_date(t.first_year, 1, 1)
                ELSE f.first_day END AS owed_from,
           CASE WHEN d.reports_from IS NOT NULL THEN 'reports_from'
                WHEN t.first_year IS NOT NULL THEN 'targets'
                WHEN f.first_day IS NOT NULL THEN 'first_report' END AS owed_from_rule
    FROM core.cadences c
    JOIN core.departments d USING (department_code)
    LEFT JOIN target_year t USING (department_code)
    LEFT JOIN first_report f USING (department_code)
    WHERE c.source = 'departments'
),
months AS (
    SELECT iso_year, month, max(quarter) AS quarter, max(half) AS half, max(week) AS last_week
    FROM core.iso_weeks GROUP BY iso_year, month
),
periods AS (
    SELECT 'weekly' AS cadence, w.iso_year, w.week, w.month, w.quarter, w.half, w.label AS period_label,
           w.week_start AS period_start, w.week_end AS period_end
    FROM core.iso_weeks w
    UNION ALL
    SELECT 'monthly', m.iso_year, m.last_week, m.month, m.quarter, m.half, printf('%d-%02d', m.iso_year, m.month),
           make_date(m.iso_year, m.month, 1), last_day(make_date(m.iso_year, m.month, 1))
    FROM months m
),
owed AS (
    SELECT s.department_code, s.department_name, s.cadence, s.due_days, s.owed_from, s.owed_from_rule, p.*,
           CAST(p.period_end + s.due_days AS DATE) AS due_on, a.as_of
    FROM starts s
    JOIN periods p USING (cadence)
    CROSS JOIN core.as_of a
    WHERE p.period_end >= s.owed_from AND p.period_start <= a.as_of
),
reports AS (
    SELECT r.department_code, r.year AS iso_year, r.week, w.month, r.file_name
    FROM core.department_reports r JOIN core.iso_weeks w ON w.iso_year = r.year AND w.week = r.week
),
covered AS (
    SELECT o.department_code, o.period_label, list(DISTINCT r.file_name ORDER BY r.file_name) AS files
    FROM owed o
    JOIN reports r ON r.department_code = o.department_code AND r.iso_year = o.iso_year
     AND (o.cadence = 'weekly' AND r.week = o.week OR o.cadence = 'monthly' AND r.month = o.month)
    GROUP BY ALL
)
SELECT o.department_code, o.department_name, o.cadence, o.due_days, o.owed_from, o.owed_from_rule, o.iso_year,
       o.week, o.month, o.quarter, o.half, o.period_label, o.period_start, o.period_end, o.due_on,
       o.due_on < o.as_of AS due, c.files IS NOT NULL AS covered, coalesce(c.files, []) AS files
FROM owed o
LEFT JOIN covered c USING (department_code, period_label)
ORDER BY o.department_code, o.period_start, o.cadence;

COMMENT ON TABLE core.department_obligations IS '部门应报清单（每部门每个应报期一行）what each department owes, period by period (its cadence in reference/cadence.csv), from the department''s start (reports_from in departments.csv, else the first year of its targets, else its first report) to the as-of date, and whether a report covers it';
COMMENT ON COLUMN core.department_obligations.department_code IS '部门代码 department code';
COMMENT ON COLUMN core.department_obligations.department_name IS '部门名称 department name';
COMMENT ON COLUMN core.department_obligations.cadence IS '频率（weekly 每周，monthly 每月）cadence';
COMMENT ON COLUMN core.department_obligations.due_days IS '期末后几天内应报 days after the period end the report is due';
COMMENT ON COLUMN core.department_obligations.owed_from IS '起报日期（含此日的报告期为第一个应报期）the department''s start: the period holding this day is the first it owes';
COMMENT ON COLUMN core.department_obligations.owed_from_rule IS '起报依据（reports_from = departments.csv 写明，targets = 部门目标的第一个年份，first_report = 无目标时的首次报送）what set the start: reports_from in departments.csv, the first year of the department''s targets, or (no targets) its first report';
COMMENT ON COLUMN core.department_obligations.iso_year IS 'ISO年 ISO year of the period';
COMMENT ON COLUMN core.department_obligations.week IS '计入的ISO周（月报：该月最后一个所属周）ISO week the period counts in (monthly: the last week of its month)';
COMMENT ON COLUMN core.department_obligations.month IS '所属月份 calendar month';
COMMENT ON COLUMN core.department_obligations.quarter IS '所属季度 calendar quarter';
COMMENT ON COLUMN core.department_obligations.half IS '所属半年 half year';
COMMENT ON COLUMN core.department_obligations.period_label IS '应报期（2024-W26 或 2024-06）period owed';
COMMENT ON COLUMN core.department_obligations.period_start IS '应报期起 first day of the period';
COMMENT ON COLUMN core.department_obligations.period_end IS '应报期止 last day of the period';
COMMENT ON COLUMN core.department_obligations.due_on IS '应报日期 date the report is due';
COMMENT ON COLUMN core.department_obligations.due IS '是否已到期（判断日期晚于应报日期）true once the as-of date is past the due date';
COMMENT ON COLUMN core.department_obligations.covered IS '是否已报送 true when a report in force counts in this period';
COMMENT ON COLUMN core.department_obligations.files IS '报送文件 the workbooks that cover it';
