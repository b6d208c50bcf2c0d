-- 重点企业进出口: each roster enterprise at the latest customs month of the year through the period's month.
SELECT year, month, enterprise_name, uscc, customs_code, total_wan_yuan, total_ytd_wan_yuan,
       total_ytd_last_year_wan_yuan, yoy_change, stopped, sharp_fall, new_this_year, last_year_total_wan_yuan
FROM marts.trade_by_enterprise
WHERE year = $year
  AND month = (SELECT max(month) FROM marts.trade_by_enterprise WHERE year = $year AND month <= $month)
ORDER BY total_ytd_wan_yuan DESC, enterprise_name;
