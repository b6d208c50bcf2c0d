-- 全区货物进出口: the months of the period's year and the year before, through the period's month for the year.
SELECT year, month, total_wan_yuan, total_ytd_wan_yuan, total_ytd_last_year_wan_yuan, yoy_change,
       target_wan_yuan, completion_rate, time_progress, enterprises
FROM marts.trade_monthly
WHERE (year = $year AND month <= $month) OR year = $year - 1
ORDER BY year, month;
