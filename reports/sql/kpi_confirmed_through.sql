-- How far the bureau's confirmations reach for each metric in the year (latest month confirmed), for the
-- metrics the period's month is not yet confirmed for.
SELECT m.metric_code, m.metric_name, max(k.month) FILTER (WHERE k.basis = 'confirmed') AS confirmed_through
FROM core.metrics m
LEFT JOIN marts.kpi_completion k ON k.metric_code = m.metric_code AND k.year = $year AND k.month <= $month
GROUP BY m.metric_code, m.metric_name
HAVING coalesce(max(k.month) FILTER (WHERE k.basis = 'confirmed'), 0) < $month
ORDER BY m.metric_code;
