-- 认定值修订：each time a later confirmation of the same metric, year-to-date period and basis changes the value.
CREATE OR REPLACE TABLE marts.kpi_revisions AS
WITH vintages AS (
    SELECT year, month, metric_code, basis, value, unit, confirmed_on, file_name,
           lag(value) OVER w AS old_value,
           lag(confirmed_on) OVER w AS old_confirmed_on,
           lag(file_name) OVER w AS old_file
    FROM core.kpi_confirmations
    WHERE month_from = 1
    WINDOW w AS (PARTITION BY year, month, metric_code, basis
                 ORDER BY confirmed_on NULLS FIRST, load_id, row_number)
)
SELECT v.year, v.metric_code, m.metric_name, v.basis, v.month, v.unit,
       v.old_value, v.value AS new_value, v.value - v.old_value AS change,
       v.old_confirmed_on, v.confirmed_on AS new_confirmed_on,
       v.old_file, v.file_name AS new_file
FROM vintages v
JOIN core.metrics m USING (metric_code)
WHERE v.old_value IS NOT NULL AND v.value <> v.old_value
ORDER BY v.year, v.metric_code, v.basis, v.month, v.confirmed_on;

COMMENT ON TABLE marts.kpi_revisions IS '认定值修订记录（同一指标、同一统计期、同一口径的后一次认定改变了数值）KPI revisions: a later bureau confirmation of the same metric, period and basis that changed the value';
COMMENT ON COLUMN marts.kpi_revisions.year IS '年份 year';
COMMENT ON COLUMN marts.kpi_revisions.metric_code IS '指标代码 metric code';
COMMENT ON COLUMN marts.kpi_revisions.metric_name IS '指标名称 metric name (Chinese)';
COMMENT ON COLUMN marts.kpi_revisions.basis IS '口径（confirmed 认定，estimated 预计）basis; labels in core.codes: kpi_basis';
COMMENT ON COLUMN marts.kpi_revisions.month IS '统计期截至月份（1-N月的N）last month of the year-to-date period';
COMMENT ON COLUMN marts.kpi_revisions.unit IS '单位 unit of the values';
COMMENT ON COLUMN marts.kpi_revisions.old_value IS '修订前认定值 value before the revision';
COMMENT ON COLUMN marts.kpi_revisions.new_value IS '修订后认定值 value after the revision';
COMMENT ON COLUMN marts.kpi_revisions.change IS '变动（新值-旧值）new minus old';
COMMENT ON COLUMN marts.kpi_revisions.old_confirmed_on IS '原认定日期 date of the earlier confirmation';
COMMENT ON COLUMN marts.kpi_revisions.new_confirmed_on IS '新认定日期 date of the revising confirmation';
COMMENT ON COLUMN marts.kpi_revisions.old_file IS '原认定文件 file of the earlier confirmation';
COMMENT ON COLUMN marts.kpi_revisions.new_file IS '新认定文件 file of the revising confirmation';
