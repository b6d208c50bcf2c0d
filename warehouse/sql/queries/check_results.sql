-- The check results of one run, as make run's report prints them. $run_id: the run.
SELECT run_id, checked_at, check_name, table_name, severity, passed, failing_rows, description,
       CAST(failing AS VARCHAR) AS failing
FROM audit.check_results
WHERE run_id = $run_id
ORDER BY table_name, check_name;
