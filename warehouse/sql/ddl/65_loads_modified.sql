-- The file's modification time when it was loaded: a file whose path, size and time are unchanged since a load
-- is not read again to hash it (years of customs downloads would be re-read every night otherwise).
ALTER TABLE audit.loads ADD COLUMN IF NOT EXISTS modified_ns BIGINT;
