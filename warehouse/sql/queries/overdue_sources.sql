-- The sources and departments whose next file is past due at the as-of date, the longest overdue first.
SELECT source_name, department_code, department_name, latest_period, next_due_on, days_overdue
FROM marts.source_freshness
WHERE overdue
ORDER BY days_overdue DESC, source_name, department_code
