-- File-level findings (a 合计 that does not add up...) of the files in force. $source: one source, or NULL.
SELECT f.file_name, f.sheet, f.rule, f.message
FROM audit.file_findings f
JOIN audit.loads l USING (load_id)
WHERE l.status = 'loaded' AND ($source IS NULL OR l.source = $source)
ORDER BY f.file_name, f.sheet;
