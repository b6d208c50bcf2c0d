-- 欠报清单: every report a department owed by the as-of date and has not sent (its cadence in
-- reference/cadence.csv; a period is covered by a report in force that counts in it).
CREATE OR REPLACE TABLE marts.missing_reports AS
WITH last_report AS (
    SELECT department_code,
           arg_max(period_label, (year, week, load_id)) AS last_period,
           arg_max(file_name, (year, week, load_id)) AS last_file
    FROM core.department_reports GROUP BY department_code
)
SELECT o.department_code, o.department_name, o.cadence, o.period_label, o.iso_year, o.week, o.month, o.quarter,
       o.half, o.period_start, o.period_end, o.due_on, a.as_of, CAST(a.as_of - o.due_on AS INTEGER) AS days_overdue,
       l.last_period, l.last_file
FROM core.department_obligations o
CROSS JOIN core.as_of a
LEFT JOIN last_report l USING (department_code)
WHERE o.due AND NOT o.covered
ORDER BY o.department_code, o.period_start;

COMMENT ON TABLE marts.missing_reports IS '欠报清单（每个部门每个欠报期一行）reports each department owed by the as-of date and has not sent, by its cadence in reference/cadence.csv';
COMMENT ON COLUMN marts.missing_reports.department_code IS '部门代码 department code';
COMMENT ON COLUMN marts.missing_reports.department_name IS '部门名称 department name';
COMMENT ON COLUMN marts.missing_reports.cadence IS '报送频率（weekly 每周，monthly 每月）cadence; labels in core.codes: cadence';
COMMENT ON COLUMN marts.missing_reports.period_label IS '欠报期（2024-W27 或 2024-06）the period owed';
COMMENT ON COLUMN marts.missing_reports.iso_year IS 'ISO年 ISO year of the period';
COMMENT ON COLUMN marts.missing_reports.week IS 'ISO周（月报：该月最后一个所属周）ISO week (monthly: the last week of the month)';
COMMENT ON COLUMN marts.missing_reports.month IS '所属月份 calendar month';
COMMENT ON COLUMN marts.missing_reports.quarter IS '所属季度 calendar quarter';
COMMENT ON COLUMN marts.missing_reports.half IS '所属半年 half year';
COMMENT ON COLUMN marts.missing_reports.period_start IS '欠报期起 first day of the period';
COMMENT ON COLUMN marts.missing_reports.period_end IS '欠报期止 last day of the period';
COMMENT ON COLUMN marts.missing_reports.due_on IS '应报日期 date the report was due';
COMMENT ON COLUMN marts.missing_reports.as_of IS '判断日期 the as-of date (core.as_of)';
COMMENT ON COLUMN marts.missing_reports.days_overdue IS '逾期天数 days past the due date';
COMMENT ON COLUMN marts.missing_reports.last_period IS '最近一次报送的报告期 the department''s latest report period in force';
COMMENT ON COLUMN marts.missing_reports.last_file IS '最近一次报送的文件 the workbook of that report';
