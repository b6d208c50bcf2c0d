-- 企业进出口表缺月（当月数无法由累计相减得出）A month without a customs enterprise table: the next month's flow cannot be derived.
-- column missing_month: 缺少的月份
SELECT r.year, m.month AS missing_month
FROM (SELECT year, max(month) AS last_month FROM core.trade_reported_months GROUP BY year) r
CROSS JOIN LATERAL (SELECT unnest(range(1, r.last_month)) AS month) m
WHERE NOT EXISTS (SELECT 1 FROM core.trade_reported_months x WHERE x.year = r.year AND x.month = m.month)
ORDER BY r.year, m.month;
