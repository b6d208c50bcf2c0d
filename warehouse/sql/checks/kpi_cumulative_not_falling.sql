-- 累计值不应下降 A year-to-date figure never falls from one month to the next.
-- column previous_actual: 上期累计值
-- severity: warn
SELECT year, metric_code, basis, month, actual,
       previous_month, previous_actual
FROM (
    SELECT year, metric_code, basis, month, actual,
           lag(month) OVER w AS previous_month,
           lag(actual) OVER w AS previous_actual
    FROM marts.kpi_completion
    WINDOW w AS (PARTITION BY year, metric_code, basis ORDER BY month)
)
WHERE actual < previous_actual;
