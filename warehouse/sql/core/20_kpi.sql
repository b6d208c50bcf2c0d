-- Every confirmation of a metric and period, with its vintage (认定日期) and source file.
CREATE OR REPLACE TABLE core.kpi_confirmations AS
SELECT k.year, k.month_from, k.month_to AS month, k.metric_code, k.basis, k.value, k.unit, k.confirmed_on,
       k.load_id, k.file_name, k.sheet, k.row_number, l.loaded_at
FROM raw.bureau_kpi k
JOIN core.active_loads l USING (load_id);
