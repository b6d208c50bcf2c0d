-- Files an alert tells their sender of (alerts/problems.py): rejected whole, not written, or refused unopened, and
-- still in the landing zone. One row per file; `problem` names the file's content (or place, when it was never
-- opened), so the same file is one problem night after night.
SELECT source, file_name, file_path, 'rejected:' || sha256 AS problem, status, message
FROM audit.loads
WHERE status IN ('rejected', 'failed') AND removed_at IS NULL
UNION ALL
SELECT source, file_name, file_path, 'refused:' || coalesce(sha256, source || '/' || file_path), 'refused', message
FROM audit.skipped_files
WHERE list_contains($refused, reason)
ORDER BY source, file_name;
