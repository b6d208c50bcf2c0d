-- The department's year-to-date measures against its targets, at its latest week.
SELECT measure, actual_ytd, target, completion_rate, time_progress, gap_pp, iso_year, week
FROM marts.department_completion
WHERE department_code = $department
QUALIFY (iso_year, week) = max((iso_year, week)) OVER ()
ORDER BY measure
