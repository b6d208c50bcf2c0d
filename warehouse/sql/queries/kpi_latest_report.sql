-- The completion table `make run` prints (orchestration/report.py writes it in Chinese, rates as percentages).
SELECT year, month, metric_name, basis, actual, unit, target, completion_rate, time_progress, gap_pp, status
FROM marts.kpi_latest
ORDER BY year, metric_code, basis;
