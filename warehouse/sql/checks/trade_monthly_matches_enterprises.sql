-- 全区月度进出口等于名录企业之和 The district's monthly trade equals the sum of the roster enterprises' trade for the same month.
-- column enterprises_total_wan_yuan: 各企业当月之和（万元）
-- column enterprises_ytd_wan_yuan: 各企业累计之和（万元）
-- checks: marts.trade_monthly
-- An invariant: both marts read core.trade_months, the roster enterprises only.
WITH enterprises AS (
    SELECT year, month, sum(total_wan_yuan) AS enterprises_total_wan_yuan,
           sum(total_ytd_wan_yuan) AS enterprises_ytd_wan_yuan
    FROM marts.trade_by_enterprise GROUP BY ALL
)
SELECT m.year, m.month, m.total_wan_yuan, e.enterprises_total_wan_yuan, m.total_ytd_wan_yuan,
       e.enterprises_ytd_wan_yuan
FROM marts.trade_monthly m
JOIN enterprises e USING (year, month)
WHERE m.total_wan_yuan IS DISTINCT FROM e.enterprises_total_wan_yuan
   OR m.total_ytd_wan_yuan IS DISTINCT FROM e.enterprises_ytd_wan_yuan
ORDER BY m.year, m.month;
