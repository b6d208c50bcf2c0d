-- Quarantined cells of the files in force (a corrected resubmission closes them). $source: one source, or NULL.
SELECT q.file_name, q.sheet, q.row_number, q.column_name, q.value, q.rule, q.message
FROM audit.quarantine q
JOIN audit.loads l USING (load_id)
WHERE l.status = 'loaded' AND ($source IS NULL OR l.source = $source)
ORDER BY q.file_name, q.sheet, q.row_number, q.column_name;
