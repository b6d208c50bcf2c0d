-- 市定目标完成率: each year-to-date KPI figure from its best source (core.kpi_sources: the bureau's confirmed
-- figure, else its confirmed project list for signed projects and investment, else the customs tables for
-- trade; department reports as their own basis), against the year's target, with where it is heading.
CREATE OR REPLACE TABLE marts.kpi_completion AS
WITH best AS (
    SELECT * FROM marts.kpi_candidates
    QUALIFY row_number() OVER (PARTITION BY year, month, metric_code, basis ORDER BY precedence) = 1
),
-- What departments report (basis reported) is shown beside the city's figures, never judged against the city's
-- target: the city counts confirmed figures only, and departments are judged on their own targets in
-- marts.department_completion. judged_target is the target a row is judged against: none for reported.
judged AS (
    SELECT b.*, b.basis <> 'reported' AS judged, t.target, CASE WHEN judged THEN t.target END AS judged_target
    FROM best b
    LEFT JOIN core.targets t USING (year, metric_code)
)
SELECT
    b.year,
    b.month,
    b.metric_code,
    m.metric_name,
    m.unit,
    b.basis,
    b.source,
    b.judged,
    b.actual,
    b.target,
    CAST(core.divide(b.actual, b.judged_target, 0.0001) AS DECIMAL(9, 4)) AS completion_rate,
    CAST(core.divide(b.month, 12, 0.0001) AS DECIMAL(9, 4)) AS time_progress,
    -- (actual / target - month / 12) x 100 from the unrounded ratios: 100 (12 actual - month target) / (12 target).
    CAST(core.divide(100 * (12 * b.actual - b.month * b.judged_target), 12 * b.judged_target, 0.01) AS DECIMAL(9, 2))
        AS gap_pp,
    CASE
        WHEN NOT b.judged THEN NULL
        WHEN b.target IS NULL THEN 'no_target'
        WHEN b.actual >= b.target THEN 'achieved'
        WHEN 12 * b.actual >= b.month * b.target THEN 'on_track'
        ELSE 'behind'
    END AS status,
    b.as_of,
    b.confirmed_on,
    b.source_file,
    CASE WHEN b.month < 12 AND b.judged_target IS NOT NULL THEN
        CAST(core.divide(greatest(b.judged_target - b.actual, 0), 12 - b.month, 0.0001) AS DECIMAL(18, 4)) END
        AS pace_needed_per_month,
    CAST(core.divide(12 * b.actual, b.month, 0.0001) AS DECIMAL(18, 4)) AS projected_year_end
FROM judged b
JOIN core.metrics m USING (metric_code)
ORDER BY b.year, b.metric_code, b.basis, b.month;

COMMENT ON TABLE marts.kpi_completion IS '市定目标完成情况（按月，年初至月末累计，取最优来源）KPI completion per year, month, metric and basis: the year-to-date figure from its best source (core.kpi_sources) against the city target';
COMMENT ON COLUMN marts.kpi_completion.year IS '年份 year';
COMMENT ON COLUMN marts.kpi_completion.month IS '截至月份（1-N月累计的N）last month of the year-to-date period';
COMMENT ON COLUMN marts.kpi_completion.metric_code IS '指标代码 metric code: signed_projects, signed_investment, foreign_capital, domestic_capital, trade_total';
COMMENT ON COLUMN marts.kpi_completion.metric_name IS '指标名称 metric name (Chinese)';
COMMENT ON COLUMN marts.kpi_completion.unit IS '单位（个、亿元、万美元、万元）unit of actual and target';
COMMENT ON COLUMN marts.kpi_completion.basis IS '口径（confirmed 认定，estimated 预计，reported 部门报送未经认定）basis; labels in core.codes: kpi_basis';
COMMENT ON COLUMN marts.kpi_completion.source IS '来源（bureau 市商务局认定值，bureau_projects 认定项目清单，customs 海关企业表，departments 部门报送）where the figure comes from, the best source that gives one (core.kpi_sources); labels in core.codes: kpi_source';
COMMENT ON COLUMN marts.kpi_completion.judged IS '是否按市定目标评判（认定、预计为是；部门报送为否，只作对照）whether the row is judged against the city target: confirmed and estimated figures are, what departments report never is (shown beside them)';
COMMENT ON COLUMN marts.kpi_completion.actual IS '累计完成值 year-to-date actual, in unit';
COMMENT ON COLUMN marts.kpi_completion.target IS '全年市定目标（部门报送口径只作对照，不据此评判）annual city target, in unit; beside a reported figure for reference only, never judged against';
COMMENT ON COLUMN marts.kpi_completion.completion_rate IS '完成率 = 完成值 / 目标（小数，0.5 = 50%；部门报送口径为空：市定目标只按认定数评判，部门按自己的目标见 department_completion）completion rate as a fraction; NULL for basis reported: the city judges confirmed figures only, and departments are judged on their own targets in marts.department_completion';
COMMENT ON COLUMN marts.kpi_completion.time_progress IS '时间进度 = 月份 / 12（小数）time progress as a fraction';
COMMENT ON COLUMN marts.kpi_completion.gap_pp IS '完成率与时间进度之差（百分点；部门报送口径为空，不与市定目标比较）(completion_rate - time_progress) x 100; NULL for basis reported, which is not judged against the city target';
COMMENT ON COLUMN marts.kpi_completion.status IS '状态（achieved 已完成全年目标，on_track 不低于时间进度，behind 落后于时间进度，no_target 未设目标；部门报送口径为空：部门报送数未经认定，不评判达成与否）status; NULL for basis reported: what departments report is unconfirmed and not judged against the city target; labels in core.codes: kpi_status';
COMMENT ON COLUMN marts.kpi_completion.as_of IS '数据截至日期（月末；部门报送为所用周的周日）the date the figure is as of: the month end, or for department reports the Sunday of the week used';
COMMENT ON COLUMN marts.kpi_completion.confirmed_on IS '认定日期 date of the bureau confirmation used (bureau sources)';
COMMENT ON COLUMN marts.kpi_completion.source_file IS '来源文件 the file the figure comes from (NULL for department reports, summed over many workbooks)';
COMMENT ON COLUMN marts.kpi_completion.pace_needed_per_month IS '剩余每月需完成 = (目标 - 完成值) / 剩余月数（部门报送口径为空）what each remaining month must add to reach the target; 0 once achieved, NULL in December and for basis reported (not judged against the city target)';
COMMENT ON COLUMN marts.kpi_completion.projected_year_end IS '按当前进度全年预计 = 完成值 / 月份 × 12 the year-end figure at the current pace';
