-- 企业累计进出口不应下降 An enterprise's year-to-date trade never falls from one month's table to the next.
-- severity: warn
SELECT year, month, file_name, row_number, enterprise_name_as_written AS enterprise_name,
       total_ytd_wan_yuan, previous_total_ytd_wan_yuan
FROM core.trade_months
WHERE cumulative_falls
ORDER BY year, month, row_number;
