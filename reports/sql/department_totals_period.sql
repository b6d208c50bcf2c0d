-- 全员招商: the district's year-to-date department figures at the latest week reported by the period's week.
SELECT * FROM marts.department_totals
WHERE iso_year = $iso_year AND week <= $iso_week
ORDER BY week DESC
LIMIT 1;
