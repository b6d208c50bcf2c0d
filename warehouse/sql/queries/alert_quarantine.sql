-- Quarantined cells of the files in force, with the department that sent each (alerts/problems.py): a file's
-- cells are one problem, named by its content.
SELECT l.source, 'quarantined:' || l.sha256 AS problem, q.file_name, q.sheet, q.row_number, q.column_name, q.value,
       q.message, r.department_code
FROM audit.quarantine q
JOIN audit.loads l USING (load_id)
LEFT JOIN raw.dept_reports r USING (load_id)
WHERE l.status = 'loaded'
ORDER BY l.source, q.file_name, q.sheet, q.row_number, q.column_name;
