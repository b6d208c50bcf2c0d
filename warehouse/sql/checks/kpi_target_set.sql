-- 每个有认定值的指标都要有全年目标 Every confirmed metric has a target for its year.
-- severity: warn
SELECT year, month, metric_code, basis, actual
FROM marts.kpi_completion
WHERE target IS NULL;
