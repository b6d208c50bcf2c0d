CREATE OR REPLACE TABLE core.targets AS
SELECT year, metric_code, target FROM raw.ref_targets;

COMMENT ON TABLE core.targets IS '市定目标（每年每指标）annual city targets per metric (reference/targets.csv)';
COMMENT ON COLUMN core.targets.year IS '年份 year';
COMMENT ON COLUMN core.targets.metric_code IS '指标代码 metric code';
COMMENT ON COLUMN core.targets.target IS '全年目标 annual target, in the metric''s unit';
