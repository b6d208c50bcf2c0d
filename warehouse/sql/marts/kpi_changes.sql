-- 认定批次间的变化: each bureau round against the one before it, whatever the period: every metric's figure in
-- the round beside the figure the latest earlier round gave for it, and a row for each metric the previous round
-- gave that this round left out. Rounds of a year are ordered by confirmation date, then by load.
-- (marts.kpi_revisions lists the same-period corrections alone.)
CREATE OR REPLACE TABLE marts.kpi_changes AS
WITH lines AS (
    -- A round's figure per year, metric and basis: the latest period it confirms (of the files in force).
    SELECT load_id, year, metric_code, basis, max(month) AS month,
           arg_max(value, (month, row_number)) AS value
    FROM core.kpi_confirmations
    WHERE month_from = 1
    GROUP BY ALL
),
rounds AS (
    SELECT l.year, r.load_id, r.file_name, r.confirmed_on,
           row_number() OVER (PARTITION BY l.year ORDER BY r.confirmed_on NULLS FIRST, r.load_id) AS round_number
    FROM (SELECT DISTINCT year, load_id FROM lines) l
    JOIN core.bureau_rounds r USING (load_id)
),
present AS (
    SELECT r.year, r.round_number, r.file_name, r.confirmed_on, l.metric_code, l.basis, l.month, l.value
    FROM rounds r JOIN lines l USING (year, load_id)
),
compared AS (
    SELECT p.*, false AS left_out,
           lag(file_name) OVER w AS previous_file, lag(confirmed_on) OVER w AS previous_confirmed_on,
           lag(month) OVER w AS previous_month, lag(value) OVER w AS previous_value
    FROM present p
    WINDOW w AS (PARTITION BY year, metric_code, basis ORDER BY round_number)
),
left_out AS (
    SELECT r.year, r.round_number, r.file_name, r.confirmed_on, p.metric_code, p.basis,
           CAST(NULL AS INTEGER) AS month, CAST(NULL AS DECIMAL(18, 4)) AS value, true AS left_out,
           p.file_name AS previous_file, p.confirmed_on AS previous_confirmed_on, p.month AS previous_month,
           p.value AS previous_value
    FROM rounds r
    JOIN present p ON p.year = r.year AND p.round_number = r.round_number - 1
    WHERE NOT EXISTS (SELECT 1 FROM present x WHERE x.year = r.year AND x.round_number = r.round_number
                                                AND x.metric_code = p.metric_code AND x.basis = p.basis)
),
changes AS (
    SELECT * FROM compared UNION ALL BY NAME SELECT * FROM left_out
)
SELECT c.year, c.round_number, c.file_name AS round_file, c.confirmed_on AS round_confirmed_on,
       c.metric_code, m.metric_name, c.basis, m.unit, c.month, c.value,
       c.previous_file, c.previous_confirmed_on, c.previous_month, c.previous_value,
       c.value - c.previous_value AS change,
       CASE WHEN c.left_out THEN 'left_out'
            WHEN c.previous_value IS NULL THEN 'first'
            WHEN c.month > c.previous_month THEN 'later_period'
            WHEN c.month < c.previous_month THEN 'earlier_period'
            WHEN c.value <> c.previous_value THEN 'revised'
            ELSE 'unchanged' END AS change_kind,
       c.left_out
FROM changes c
JOIN core.metrics m USING (metric_code)
ORDER BY c.year, c.round_number, c.metric_code, c.basis;

COMMENT ON TABLE marts.kpi_changes IS '认定批次间的指标变化（每批次每指标每口径一行）each bureau round against the one before it, whatever the period: every metric''s figure beside the latest earlier round''s, and the metrics a round left out flagged';
COMMENT ON COLUMN marts.kpi_changes.year IS '年份 year of the figures';
COMMENT ON COLUMN marts.kpi_changes.round_number IS '批次序号（当年按认定日期排序）round number within the year, by confirmation date';
COMMENT ON COLUMN marts.kpi_changes.round_file IS '本批次文件 file of the round';
COMMENT ON COLUMN marts.kpi_changes.round_confirmed_on IS '本批次认定日期 confirmation date of the round';
COMMENT ON COLUMN marts.kpi_changes.metric_code IS '指标代码 metric code';
COMMENT ON COLUMN marts.kpi_changes.metric_name IS '指标名称 metric name (Chinese)';
COMMENT ON COLUMN marts.kpi_changes.basis IS '口径（confirmed 认定，estimated 预计）basis; labels in core.codes: kpi_basis';
COMMENT ON COLUMN marts.kpi_changes.unit IS '单位 unit of the values';
COMMENT ON COLUMN marts.kpi_changes.month IS '本批次统计期截至月份（1-N月的N；未报为空）last month of the period this round gives; NULL when left out';
COMMENT ON COLUMN marts.kpi_changes.value IS '本批次认定值（未报为空）the round''s figure; NULL when left out';
COMMENT ON COLUMN marts.kpi_changes.previous_file IS '上次认定文件 file of the latest earlier round that gave the metric';
COMMENT ON COLUMN marts.kpi_changes.previous_confirmed_on IS '上次认定日期 its confirmation date';
COMMENT ON COLUMN marts.kpi_changes.previous_month IS '上次统计期截至月份 last month of the period it gave';
COMMENT ON COLUMN marts.kpi_changes.previous_value IS '上次认定值 the figure it gave';
COMMENT ON COLUMN marts.kpi_changes.change IS '变动（本次-上次）this round minus the previous figure';
COMMENT ON COLUMN marts.kpi_changes.change_kind IS '变化类型（first 首次，later_period 新的统计期，earlier_period 较早的统计期，revised 同期修订，unchanged 未变，left_out 本批次未报）kind of change; labels in core.codes: kpi_change';
COMMENT ON COLUMN marts.kpi_changes.left_out IS '本批次是否漏报（上一批次有、本批次没有）true when the previous round gave the metric and this one left it out';
