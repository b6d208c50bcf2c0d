-- Build files loaded before issue 18 kept only a status, and 'superseded' hid what reading the file had given; a
-- superseded load can now be put back in force (audit.load_standing), as loaded or rejected. A load that was read
-- left rows, quarantined cells or findings, or no message at all; a failed one says so in its message.
ALTER TABLE audit.loads ADD COLUMN outcome VARCHAR;
UPDATE audit.loads l SET outcome = CASE
    WHEN l.status <> 'superseded' THEN l.status
    WHEN l.message LIKE '写入仓库时出错%' THEN 'failed'
    WHEN l.rows_read > 0 OR l.message IS NULL
         OR EXISTS (SELECT 1 FROM audit.quarantine q WHERE q.load_id = l.load_id)
         OR EXISTS (SELECT 1 FROM audit.file_findings f WHERE f.load_id = l.load_id) THEN 'loaded'
    ELSE 'rejected' END;
