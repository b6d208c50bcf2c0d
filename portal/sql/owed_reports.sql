-- What the department owes and by when, the oldest first.
SELECT period_label, period_start, period_end, due_on, days_overdue, iso_year, week, cadence
FROM marts.missing_reports
WHERE department_code = $department
ORDER BY period_start
