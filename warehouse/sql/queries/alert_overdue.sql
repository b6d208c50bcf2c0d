-- Sources and departments whose next file is past due (marts.source_freshness), for the alerts.
SELECT source, source_name, department_code, department_name, latest_period, latest_file, next_period,
       next_due_on, days_overdue,
       'overdue:' || source || ':' || coalesce(department_code, '-') || ':' || coalesce(next_period, '') AS problem
FROM marts.source_freshness
WHERE overdue
ORDER BY source, department_code NULLS FIRST;
