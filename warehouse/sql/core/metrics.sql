CREATE OR REPLACE TABLE core.metrics AS
SELECT code AS metric_code, name AS metric_name, unit, aliases FROM raw.ref_metrics;
