-- Where the 外出招商 trips of the year went by the period's week, the most visited first. The places are named
-- only in core.department_activities: no mart lists them.
SELECT place, count(*) AS trips
FROM core.department_activities
WHERE measure = 'trips' AND report_year = $iso_year AND report_week <= $iso_week AND place IS NOT NULL
GROUP BY place
ORDER BY trips DESC, min(activity_date), place;
