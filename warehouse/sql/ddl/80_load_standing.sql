-- Whether each load is in force, worked out from what was read and what is still in the landing zone; the loader
-- writes it into audit.loads.status after every change (warehouse/loads.py), so every reader of the status sees it.
-- A later file under the same path replaces an earlier one for good: its bytes are gone from the landing zone (a
-- failed attempt replaces nothing, and is itself replaced by the next attempt at its path). Among the files left
-- standing for the same thing (logical_key: a department and period, a customs month...), the latest still in the
-- landing zone is in force; when none is left there, the one in force when the last left stays in force. So taking
-- out a file that replaced another puts the other back, and nothing is lost by clearing the landing zone.
CREATE OR REPLACE VIEW audit.load_standing AS
WITH attempts AS (
    SELECT load_id, source, logical_key, outcome, removed_at,
           min(CASE WHEN outcome <> 'failed' THEN load_id END) OVER later_at_path AS replaced_at_path_by,
           min(load_id) OVER later_at_path AS next_attempt
    FROM audit.loads
    WINDOW later_at_path AS (PARTITION BY source, file_path ORDER BY load_id
                             ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
),
standing AS (
    SELECT load_id, source, logical_key,
           first_value(load_id) OVER (PARTITION BY source, logical_key
                                      ORDER BY removed_at IS NULL DESC, removed_at DESC, load_id DESC) AS in_force
    FROM attempts
    WHERE outcome <> 'failed' AND replaced_at_path_by IS NULL
)
SELECT a.load_id,
       s.load_id IS NOT NULL AS standing,
       CASE WHEN a.outcome = 'failed' AND a.next_attempt IS NULL THEN 'failed'
            WHEN s.in_force = a.load_id THEN a.outcome
            ELSE 'superseded' END AS status,
       CASE WHEN a.outcome = 'failed' THEN a.next_attempt
            WHEN a.replaced_at_path_by IS NOT NULL THEN a.replaced_at_path_by
            WHEN s.in_force <> a.load_id THEN s.in_force END AS superseded_by
FROM attempts a LEFT JOIN standing s USING (load_id);

COMMENT ON VIEW audit.load_standing IS '读取是否有效（每次读取一行，由接收目录中现有的文件推出）whether each load is in force, from what was read and what is still in the landing zone';
COMMENT ON COLUMN audit.load_standing.load_id IS '读取编号 load id';
COMMENT ON COLUMN audit.load_standing.standing IS '仍可生效 not replaced under its own path nor failed: the load can be in force for its logical_key';
COMMENT ON COLUMN audit.load_standing.status IS '应有状态 the status the load should have: loaded, rejected, failed or superseded';
COMMENT ON COLUMN audit.load_standing.superseded_by IS '被哪次读取替代 the load in force in its place';
