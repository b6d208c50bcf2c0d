-- The latest loads of every source, for the operator.
SELECT load_id, source, file_name, submitted_by, status, loaded_at, run_id, rows_read, rows_accepted, rows_rejected, message
FROM audit.loads
ORDER BY load_id DESC
LIMIT $limit
