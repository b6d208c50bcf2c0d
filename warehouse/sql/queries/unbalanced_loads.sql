-- Loads in force whose rows do not add up: every data row read is either accepted or quarantined. A load that a
-- later file replaced no longer counts, so a corrected file clears the check. $source: one or NULL.
SELECT source, file_name, status, rows_read, rows_accepted, rows_rejected
FROM audit.loads
WHERE status = 'loaded' AND rows_read <> rows_accepted + rows_rejected AND ($source IS NULL OR source = $source)
ORDER BY source, load_id;
