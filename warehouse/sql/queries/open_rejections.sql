-- Files rejected whole, or that could not be written, that are still in the landing zone and not yet replaced by
-- a later file. $source: one source, or NULL for all.
SELECT source, file_name, file_path, status, message, loaded_at
FROM audit.loads
WHERE status IN ('rejected', 'failed') AND removed_at IS NULL AND ($source IS NULL OR source = $source)
ORDER BY source, loaded_at, file_name;
