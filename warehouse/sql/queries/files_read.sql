-- The landing entries (path, size, modification time) of $source that a night has read, loaded or refused: an entry
-- not among them waits for the next run.
SELECT file_path, size_bytes, modified_ns FROM audit.loads WHERE source = $source
UNION
SELECT file_path, size_bytes, modified_ns FROM audit.skipped_files WHERE source = $source
