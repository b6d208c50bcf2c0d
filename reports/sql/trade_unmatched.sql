-- Enterprises in the year's customs tables that the roster does not know (not counted as the district's trade), one
-- row per enterprise (its USCC, else its customs code, else its name as written): the name and row of its latest
-- table, the other spellings the tables used, and the months it appears in.
SELECT arg_max(enterprise_name, (month, file_name, row_number)) AS enterprise_name,
       list_sort(list(DISTINCT enterprise_name)) AS names_written,
       arg_max(customs_code, (month, file_name, row_number)) AS customs_code,
       arg_max(uscc, (month, file_name, row_number)) AS uscc,
       list_sort(list(DISTINCT month)) AS months,
       arg_max(file_name, (month, file_name, row_number)) AS file_name,
       max(month) AS month,
       arg_max(row_number, (month, file_name, row_number)) AS row_number,
       arg_max(total_ytd_wan_yuan, (month, file_name, row_number)) AS total_ytd_wan_yuan
FROM marts.trade_unmatched
WHERE year = $year AND month <= $month
GROUP BY coalesce(uscc, customs_code, enterprise_name)
ORDER BY enterprise_name;
