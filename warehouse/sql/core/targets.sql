CREATE OR REPLACE TABLE core.targets AS
SELECT year, metric_code, target FROM raw.ref_targets;
