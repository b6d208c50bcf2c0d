-- 市定目标: for each metric and basis judged against the city's target (what departments report goes in （二）),
-- the latest year-to-date figure through the period's month. A figure still only estimated where the bureau has
-- confirmed the same or a later month is left out: it is superseded.
WITH latest AS (
    SELECT * FROM marts.kpi_completion
    WHERE year = $year AND month <= $month AND judged
    QUALIFY row_number() OVER (PARTITION BY metric_code, basis ORDER BY month DESC) = 1
)
SELECT l.metric_code, l.metric_name, l.unit, l.basis, l.month, l.actual, l.target, l.completion_rate,
       l.time_progress, l.gap_pp, l.status, l.confirmed_on
FROM latest l
LEFT JOIN latest c ON c.metric_code = l.metric_code AND c.basis = 'confirmed'
WHERE l.basis = 'confirmed' OR c.month IS NULL OR l.month > c.month
ORDER BY l.metric_code, l.basis;
