-- Files rejected whole and not yet replaced by a corrected file. $source: one source, or NULL for all.
SELECT source, file_name, file_path, message, loaded_at
FROM audit.loads
WHERE status = 'rejected' AND ($source IS NULL OR source = $source)
ORDER BY source, loaded_at, file_name;
