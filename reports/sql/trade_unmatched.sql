-- Enterprises in the year's customs tables that the roster does not know (not counted as the district's trade).
SELECT file_name, month, row_number, enterprise_name, customs_code, uscc, total_ytd_wan_yuan
FROM marts.trade_unmatched
WHERE year = $year AND month <= $month
ORDER BY month, enterprise_name, file_name, row_number;
