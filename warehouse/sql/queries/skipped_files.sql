-- Entries of the landing zone the latest load did not read, and why. $source: one source, or NULL for all.
SELECT source, file_name, file_path, reason, message
FROM audit.skipped_files
WHERE $source IS NULL OR source = $source
ORDER BY source, file_path;
