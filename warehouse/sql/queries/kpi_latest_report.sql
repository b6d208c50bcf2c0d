-- The completion table `make run` prints (orchestration/report.py writes it in Chinese, rates as percentages): the
-- city's figures judged against its targets first, what departments report apart.
SELECT year, month, metric_name, basis, judged, actual, unit, target, completion_rate, time_progress, gap_pp, status,
       as_of
FROM marts.kpi_latest
ORDER BY NOT judged, year, metric_code, basis;
