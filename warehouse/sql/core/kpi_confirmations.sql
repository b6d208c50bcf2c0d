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
