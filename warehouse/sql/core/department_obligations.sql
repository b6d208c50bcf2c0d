-- What each department owes, period by period, from the first week any report counts in to the as-of date: a
-- weekly department every ISO week, a monthly one every month. A period is covered by a report in force that
-- counts in it (its ISO week, or a week belonging to its month: the rule of core.iso_weeks).
CREATE OR REPLACE TABLE core.department_obligations AS
WITH span AS (
    SELECT min(w.week_start) AS first_day, max(a.as_of) AS as_of
    FROM core.department_reports r
    JOIN core.iso_weeks w ON w.iso_year = r.year AND w.week = r.week
    CROSS JOIN core.as_of a
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
    SELECT c.department_code, d.department_name, c.cadence, c.due_days, p.*,
           CAST(p.period_end + c.due_days AS DATE) AS due_on, s.as_of
    FROM core.cadences c
    JOIN core.departments d USING (department_code)
    JOIN periods p USING (cadence)
    CROSS JOIN span s
    WHERE c.source = 'departments' AND p.period_end >= s.first_day AND p.period_start <= s.as_of
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
SELECT o.department_code, o.department_name, o.cadence, o.due_days, o.iso_year, o.week, o.month, o.quarter, o.half,
       o.period_label, o.period_start, o.period_end, o.due_on, o.due_on < o.as_of AS due,
       c.files IS NOT NULL AS covered, coalesce(c.files, []) AS files
FROM owed o
LEFT JOIN covered c USING (department_code, period_label)
ORDER BY o.department_code, o.period_start, o.cadence;

COMMENT ON TABLE core.department_obligations IS '部门应报清单（每部门每个应报期一行）what each department owes, period by period (its cadence in reference/cadence.csv), from the first week any department reported to the as-of date, and whether a report covers it';
COMMENT ON COLUMN core.department_obligations.department_code IS '部门代码 department code';
COMMENT ON COLUMN core.department_obligations.department_name IS '部门名称 department name';
COMMENT ON COLUMN core.department_obligations.cadence IS '频率（weekly 每周，monthly 每月）cadence';
COMMENT ON COLUMN core.department_obligations.due_days IS '期末后几天内应报 days after the period end the report is due';
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
