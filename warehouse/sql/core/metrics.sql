CREATE OR REPLACE TABLE core.metrics AS
SELECT code AS metric_code, name AS metric_name, unit, aliases FROM raw.ref_metrics;

COMMENT ON TABLE core.metrics IS '市定目标指标 the five city-target metrics, their units and the names the bureau writes them under (reference/metrics.csv)';
COMMENT ON COLUMN core.metrics.metric_code IS '指标代码 metric code';
COMMENT ON COLUMN core.metrics.metric_name IS '指标名称 metric name';
COMMENT ON COLUMN core.metrics.unit IS '单位 unit';
COMMENT ON COLUMN core.metrics.aliases IS '别名 other names';
