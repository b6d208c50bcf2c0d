-- 数据新鲜度: how current each source is, and each department: the latest period and file, when it landed,
-- what is expected next and by when (reference/cadence.csv), and whether that is overdue at the as-of date.
CREATE OR REPLACE TABLE marts.source_freshness AS
WITH bureau AS (
    SELECT 'bureau' AS source, '市商务局认定' AS source_name, NULL AS department_code,
           arg_max(printf('%d年1-%d月', year(as_of), month(as_of)), (as_of, confirmed_on, load_id)) AS latest_period,
           max(as_of) AS latest_period_end,
           arg_max(file_name, (as_of, confirmed_on, load_id)) AS latest_file,
           max(confirmed_on) AS latest_confirmed_on,
           arg_max(received_at, (as_of, confirmed_on, load_id)) AS latest_received_at,
           count(*) AS files_in_force
    FROM core.bureau_rounds
),
customs_tables AS (
    SELECT load_id, file_name, year, month, received_at
    FROM core.trade_enterprise_monthly JOIN core.active_loads USING (load_id, file_name)
    GROUP BY ALL
),
customs AS (
    SELECT 'customs', '海关企业进出口表', NULL,
           arg_max(printf('%d年1-%d月', year, month), (year, month, load_id)),
           max(last_day(make_date(year, month, 1))),
           arg_max(file_name, (year, month, load_id)), NULL::DATE,
           arg_max(received_at, (year, month, load_id)),
           count(DISTINCT load_id)
    FROM customs_tables
),
-- From the downloads' coverage (a row per download and place), not their ten million lines again.
platform_files AS (
    SELECT load_id, file_name, c.year, max(c.month_to) AS month_to, c.received_at
    FROM core.trade_platform_coverage c JOIN core.active_loads USING (load_id, file_name)
    GROUP BY ALL
),
platform AS (
    SELECT 'customs_platform', '海关统计平台下载', NULL,
           arg_max(printf('%d年%d月', year, month_to), (year, month_to, load_id)),
           max(last_day(make_date(year, month_to, 1))),
           arg_max(file_name, (year, month_to, load_id)), NULL::DATE,
           arg_max(received_at, (year, month_to, load_id)),
           count(DISTINCT load_id)
    FROM platform_files
),
reports AS (
    SELECT r.department_code, r.year, r.week, w.month, w.week_end, r.load_id, r.file_name, l.received_at
    FROM core.department_reports r
    JOIN core.iso_weeks w ON w.iso_year = r.year AND w.week = r.week
    JOIN core.active_loads l USING (load_id)
),
departments AS (
    SELECT 'departments', '部门报告', NULL,
           arg_max(printf('%d-W%02d', year, week), (year, week, received_at, load_id)),
           max(week_end),
           arg_max(file_name, (year, week, received_at, load_id)), NULL::DATE,
           arg_max(received_at, (year, week, received_at, load_id)),
           count(*)
    FROM reports
),
department AS (
    SELECT 'departments', '部门报告', c.department_code,
           arg_max(CASE c.cadence WHEN 'monthly' THEN printf('%d-%02d', r.year, r.month)
                                  ELSE printf('%d-W%02d', r.year, r.week) END, (r.year, r.week, r.received_at, r.load_id)),
           max(CASE c.cadence WHEN 'monthly' THEN last_day(make_date(r.year, r.month, 1)) ELSE r.week_end END),
           arg_max(r.file_name, (r.year, r.week, r.received_at, r.load_id)), NULL::DATE,
           arg_max(r.received_at, (r.year, r.week, r.received_at, r.load_id)),
           count(r.load_id)
    FROM core.cadences c
    LEFT JOIN reports r USING (department_code)
    WHERE c.source = 'departments' AND c.department_code IS NOT NULL
    GROUP BY c.department_code
),
latest AS (
    SELECT * FROM bureau UNION ALL SELECT * FROM customs UNION ALL SELECT * FROM platform
    UNION ALL SELECT * FROM departments UNION ALL SELECT * FROM department
),
first_owed AS (
    SELECT department_code, arg_min(period_label, period_start) AS period_label, min(period_end) AS period_end
    FROM core.department_obligations GROUP BY department_code
),
expected AS (
    SELECT l.*, c.cadence, c.due_days,
           CASE WHEN l.latest_period_end IS NULL THEN f.period_end
                WHEN c.cadence = 'weekly' THEN CAST(l.latest_period_end + 7 AS DATE)
                WHEN c.cadence = 'monthly' THEN last_day(CAST(l.latest_period_end + 1 AS DATE)) END AS next_period_end,
           f.period_label AS first_owed
    FROM latest l
    LEFT JOIN core.cadences c
      ON c.source = l.source AND c.department_code IS NOT DISTINCT FROM l.department_code
    LEFT JOIN first_owed f ON f.department_code = l.department_code
)
SELECT e.source, e.source_name, e.department_code, d.department_name, e.cadence, e.due_days,
       e.latest_period, e.latest_period_end, e.latest_file, e.latest_confirmed_on, e.latest_received_at,
       e.files_in_force,
       CASE WHEN e.latest_period_end IS NULL THEN e.first_owed
            WHEN e.cadence = 'weekly' THEN w.label
            WHEN e.cadence = 'monthly' AND e.source = 'departments'
                THEN printf('%d-%02d', year(e.next_period_end), month(e.next_period_end))
            WHEN e.cadence = 'monthly' AND e.source = 'customs_platform'
                THEN printf('%d年%d月', year(e.next_period_end), month(e.next_period_end))
            WHEN e.cadence = 'monthly' THEN printf('%d年1-%d月', year(e.next_period_end), month(e.next_period_end))
       END AS next_period,
       CAST(e.next_period_end + e.due_days AS DATE) AS next_due_on,
       a.as_of,
       coalesce(e.next_period_end + e.due_days < a.as_of, false) AS overdue,
       CASE WHEN e.next_period_end + e.due_days < a.as_of
            THEN CAST(a.as_of - CAST(e.next_period_end + e.due_days AS DATE) AS INTEGER) END AS days_overdue,
       CASE WHEN e.latest_period_end IS NULL AND e.next_period_end IS NULL THEN 'never_received'
            WHEN e.cadence IS NULL THEN 'no_cadence'
            WHEN e.next_period_end + e.due_days < a.as_of THEN 'overdue'
            ELSE 'current' END AS status
FROM expected e
CROSS JOIN core.as_of a
LEFT JOIN core.departments d USING (department_code)
LEFT JOIN core.iso_weeks w ON w.week_end = e.next_period_end
ORDER BY CASE e.source WHEN 'bureau' THEN 1 WHEN 'customs' THEN 2 WHEN 'customs_platform' THEN 3 ELSE 4 END,
         e.department_code NULLS FIRST;

COMMENT ON TABLE marts.source_freshness IS '数据新鲜度（每个来源一行，每个部门一行）how current each source and each department is: the latest period and file, when it landed, what is expected next and by when (reference/cadence.csv), and whether it is overdue at the as-of date';
COMMENT ON COLUMN marts.source_freshness.source IS '来源代码（bureau、customs、customs_platform、departments）source';
COMMENT ON COLUMN marts.source_freshness.source_name IS '来源名称 source name';
COMMENT ON COLUMN marts.source_freshness.department_code IS '部门代码（来源整体为空）department code, NULL for the source as a whole';
COMMENT ON COLUMN marts.source_freshness.department_name IS '部门名称 department name';
COMMENT ON COLUMN marts.source_freshness.cadence IS '报送频率（weekly 每周，monthly 每月，空 = 未设）cadence, NULL when none is set; labels in core.codes: cadence';
COMMENT ON COLUMN marts.source_freshness.due_days IS '期末后几天内应到 days after a period ends by which its file is due';
COMMENT ON COLUMN marts.source_freshness.latest_period IS '最新数据期（认定1-N月、企业表1-N月、平台下载的月份、部门周报的周或月）the latest period the source covers';
COMMENT ON COLUMN marts.source_freshness.latest_period_end IS '最新数据期末 last day of that period';
COMMENT ON COLUMN marts.source_freshness.latest_file IS '最新文件 the file that carries it';
COMMENT ON COLUMN marts.source_freshness.latest_confirmed_on IS '最新认定日期（仅市商务局）latest confirmation date, bureau only';
COMMENT ON COLUMN marts.source_freshness.latest_received_at IS '最新文件收到时间（文件落地时间，北京时间）when that file landed, Asia/Shanghai';
COMMENT ON COLUMN marts.source_freshness.files_in_force IS '在用文件数 files in force';
COMMENT ON COLUMN marts.source_freshness.next_period IS '下一期 the next period expected';
COMMENT ON COLUMN marts.source_freshness.next_due_on IS '下一期应到日期 date the next period is due';
COMMENT ON COLUMN marts.source_freshness.as_of IS '判断日期 the as-of date (core.as_of)';
COMMENT ON COLUMN marts.source_freshness.overdue IS '是否逾期 true when the next period is past due at the as-of date';
COMMENT ON COLUMN marts.source_freshness.days_overdue IS '逾期天数 days past due';
COMMENT ON COLUMN marts.source_freshness.status IS '状态（current 正常，overdue 逾期，no_cadence 未设频率，never_received 从未收到）status; labels in core.codes: freshness_status';
