-- Every confirmation of a metric and period, with its vintage (认定日期) and source file. A later confirmation of
-- the same metric, period and basis supersedes the earlier ones, which stay here for marts.kpi_revisions.
CREATE OR REPLACE TABLE core.kpi_confirmations AS
SELECT k.year, k.month_from, k.month_to AS month, k.metric_code, k.basis, k.value, k.unit, k.confirmed_on,
       k.load_id, k.file_name, k.sheet, k.row_number, l.loaded_at,
       row_number() OVER w AS confirmation_number,
       row_number() OVER w = count(*) OVER (PARTITION BY k.year, k.month_from, k.month_to, k.metric_code, k.basis)
           AS is_latest
FROM raw.bureau_kpi k
JOIN core.active_loads l USING (load_id)
WINDOW w AS (PARTITION BY k.year, k.month_from, k.month_to, k.metric_code, k.basis
             ORDER BY k.confirmed_on NULLS FIRST, k.load_id, k.row_number);

COMMENT ON TABLE core.kpi_confirmations IS '市商务局指标认定（每次认定一行，含被后来认定取代的）every bureau confirmation of a metric and period, superseded ones included, with its date and file';
COMMENT ON COLUMN core.kpi_confirmations.year IS '年份 year';
COMMENT ON COLUMN core.kpi_confirmations.month_from IS '起始月份 first month of the period';
COMMENT ON COLUMN core.kpi_confirmations.month IS '截至月份 last month of the period';
COMMENT ON COLUMN core.kpi_confirmations.metric_code IS '指标代码 metric code';
COMMENT ON COLUMN core.kpi_confirmations.basis IS '口径（confirmed 认定，estimated 预计）basis';
COMMENT ON COLUMN core.kpi_confirmations.value IS '认定值 value, in the metric''s unit';
COMMENT ON COLUMN core.kpi_confirmations.unit IS '单位 unit';
COMMENT ON COLUMN core.kpi_confirmations.confirmed_on IS '认定日期 confirmation date';
COMMENT ON COLUMN core.kpi_confirmations.load_id IS '载入编号 load id';
COMMENT ON COLUMN core.kpi_confirmations.file_name IS '文件名 file name';
COMMENT ON COLUMN core.kpi_confirmations.sheet IS '工作表 sheet';
COMMENT ON COLUMN core.kpi_confirmations.row_number IS '行号 row in the sheet';
COMMENT ON COLUMN core.kpi_confirmations.loaded_at IS '载入时间 when the warehouse loaded the file';
COMMENT ON COLUMN core.kpi_confirmations.confirmation_number IS '认定次序（同一指标同一期间同一口径的第几次认定）the n-th confirmation of this metric, period and basis';
COMMENT ON COLUMN core.kpi_confirmations.is_latest IS '是否最新认定 true for the confirmation in force';
