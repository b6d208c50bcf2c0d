-- The loads of the given landing files (file_path within landing/<source>), latest first.
SELECT file_path, load_id, status, loaded_at, run_id, rows_read, rows_accepted, rows_rejected, message
FROM audit.loads
WHERE source = $source AND list_contains($paths, file_path)
ORDER BY load_id DESC
