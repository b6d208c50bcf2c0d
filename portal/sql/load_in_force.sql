-- The load now in force for the same thing (a department's period, a customs month), whoever dropped it.
SELECT file_name, loaded_at, submitted_by
FROM audit.loads
WHERE source = $source AND logical_key = $key AND status = 'loaded'
ORDER BY load_id DESC
LIMIT 1
