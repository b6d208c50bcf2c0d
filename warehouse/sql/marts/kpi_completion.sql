-- 市定目标完成率: the latest confirmation of each year-to-date figure, against the year's target.
CREATE OR REPLACE TABLE marts.kpi_completion AS
WITH latest AS (
    SELECT *, row_number() OVER (
        PARTITION BY year, month, metric_code, basis
        ORDER BY confirmed_on DESC NULLS LAST, load_id DESC, row_number DESC
    ) AS vintage
    FROM core.kpi_confirmations
    WHERE month_from = 1
)
SELECT
    l.year,
    l.month,
    l.metric_code,
    m.metric_name,
    m.unit,
    l.basis,
    l.value AS actual,
    t.target,
    CAST(round(l.value / t.target, 4) AS DECIMAL(9, 4)) AS completion_rate,
    CAST(round(l.month / 12, 4) AS DECIMAL(9, 4)) AS time_progress,
    CAST(round((l.value / t.target - l.month / 12) * 100, 2) AS DECIMAL(9, 2)) AS gap_pp,
    CASE
        WHEN t.target IS NULL THEN 'no_target'
        WHEN l.value >= t.target THEN 'achieved'
        WHEN l.value / t.target >= l.month / 12 THEN 'on_track'
        ELSE 'behind'
    END AS status,
    l.confirmed_on,
    l.file_name AS source_file
FROM latest l
JOIN core.metrics m USING (metric_code)
LEFT JOIN core.targets t USING (year, metric_code)
WHERE l.vintage = 1
ORDER BY l.year, l.metric_code, l.basis, l.month;

COMMENT ON TABLE marts.kpi_completion IS '市定目标完成情况（按月，年初至月末累计，取最新认定）KPI completion per year, month, metric and basis: the latest bureau confirmation of the year-to-date figure against the city target';
COMMENT ON COLUMN marts.kpi_completion.year IS '年份 year';
COMMENT ON COLUMN marts.kpi_completion.month IS '截至月份（1-N月累计的N）last month of the year-to-date period';
COMMENT ON COLUMN marts.kpi_completion.metric_code IS '指标代码 metric code: signed_projects, signed_investment, foreign_capital, domestic_capital, trade_total';
COMMENT ON COLUMN marts.kpi_completion.metric_name IS '指标名称 metric name (Chinese)';
COMMENT ON COLUMN marts.kpi_completion.unit IS '单位（个、亿元、万美元、万元）unit of actual and target';
COMMENT ON COLUMN marts.kpi_completion.basis IS '口径：confirmed=市商务局认定，estimated=预计 basis';
COMMENT ON COLUMN marts.kpi_completion.actual IS '累计完成值（认定值）year-to-date actual, in unit';
COMMENT ON COLUMN marts.kpi_completion.target IS '全年市定目标 annual city target, in unit';
COMMENT ON COLUMN marts.kpi_completion.completion_rate IS '完成率 = 完成值 / 目标（小数，0.5 = 50%）completion rate as a fraction';
COMMENT ON COLUMN marts.kpi_completion.time_progress IS '时间进度 = 月份 / 12（小数）time progress as a fraction';
COMMENT ON COLUMN marts.kpi_completion.gap_pp IS '完成率与时间进度之差（百分点）(completion_rate - time_progress) x 100';
COMMENT ON COLUMN marts.kpi_completion.status IS '状态：achieved=已完成全年目标，on_track=不低于时间进度，behind=落后于时间进度，no_target=未设目标';
COMMENT ON COLUMN marts.kpi_completion.confirmed_on IS '认定日期 date of the confirmation used';
COMMENT ON COLUMN marts.kpi_completion.source_file IS '来源文件 the bureau file that carried the confirmation';
