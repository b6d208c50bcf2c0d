-- For each thing a file reports (a department and period, a customs month, a bureau file...), the file in force and
-- why, beside the files it stands over: what an operator looks at after taking a file out or dropping one again.
CREATE OR REPLACE VIEW audit.files_in_force AS
WITH standing AS (  -- loaded, and not replaced by a later file under the same path (audit.load_standing)
    SELECT l.*, l.removed_at IS NULL AS in_landing_zone
    FROM audit.loads l JOIN audit.load_standing s USING (load_id)
    WHERE s.standing AND l.outcome = 'loaded'
),
in_force AS (
    SELECT f.*,
           (SELECT list(o.file_name ORDER BY o.load_id) FROM standing o
            WHERE o.source = f.source AND o.logical_key = f.logical_key AND o.load_id < f.load_id) AS replaces,
           (SELECT list(o.file_name ORDER BY o.load_id) FROM standing o
            WHERE o.source = f.source AND o.logical_key = f.logical_key AND o.load_id > f.load_id) AS withdrawn
    FROM standing f WHERE f.status = 'loaded'
)
SELECT f.source,
       f.logical_key,
       CASE WHEN f.source = 'departments' THEN split_part(f.logical_key, '|', 2) END AS department_code,
       d.name AS department_name,
       CASE WHEN f.source = 'departments' OR f.logical_key LIKE 'customs|enterprise_monthly|%'
            THEN split_part(f.logical_key, '|', 3) END AS period,
       f.load_id,
       f.file_name,
       f.file_path,
       f.loaded_at,
       f.in_landing_zone,
       CASE WHEN NOT f.in_landing_zone THEN 'last_left'
            WHEN len(f.withdrawn) > 0 THEN 'later_withdrawn'
            WHEN len(f.replaces) > 0 THEN 'latest_file'
            ELSE 'only_file' END AS reason_code,
       CASE WHEN NOT f.in_landing_zone
                THEN '文件已移出接收目录，但接收目录中没有别的文件替代它，仍然有效 (taken out of the landing zone with no file for it left there: the last in force stays)'
            WHEN len(f.withdrawn) > 0
                THEN '替代它的「' || array_to_string(f.withdrawn, '」「') || '」已移出接收目录，恢复使用此文件 (the files that replaced it were taken out of the landing zone)'
            WHEN len(f.replaces) > 0
                THEN '接收目录中最新的文件，替代了「' || array_to_string(f.replaces, '」「') || '」 (the latest file for it in the landing zone)'
            ELSE '接收目录中唯一的文件 (the only file for it)' END AS reason,
       coalesce(f.replaces, []) AS replaces,
       coalesce(f.withdrawn, []) AS withdrawn
FROM in_force f LEFT JOIN raw.ref_departments d
    ON f.source = 'departments' AND d.code = split_part(f.logical_key, '|', 2);

COMMENT ON VIEW audit.files_in_force IS '有效文件（每个部门每个报告期、每个海关月份等一行）for each department and period (each customs month, each bureau file...), the file in force and why';
COMMENT ON COLUMN audit.files_in_force.source IS '来源 source: bureau, departments or customs';
COMMENT ON COLUMN audit.files_in_force.logical_key IS '替代键 what a later file replaces (audit.loads.logical_key)';
COMMENT ON COLUMN audit.files_in_force.department_code IS '部门代码 department code (department reports only)';
COMMENT ON COLUMN audit.files_in_force.department_name IS '部门 department name';
COMMENT ON COLUMN audit.files_in_force.period IS '报告期 report period (department reports and customs enterprise tables)';
COMMENT ON COLUMN audit.files_in_force.load_id IS '读取编号 the load in force';
COMMENT ON COLUMN audit.files_in_force.file_name IS '文件 the file in force';
COMMENT ON COLUMN audit.files_in_force.file_path IS '文件路径 its path within the landing folder';
COMMENT ON COLUMN audit.files_in_force.loaded_at IS '读取时间 when it was read';
COMMENT ON COLUMN audit.files_in_force.in_landing_zone IS '仍在接收目录 whether the file is still in the landing zone';
COMMENT ON COLUMN audit.files_in_force.reason_code IS '原因代码 only_file, latest_file, later_withdrawn (the files that replaced it were taken out) or last_left (no file for it is left in the landing zone)';
COMMENT ON COLUMN audit.files_in_force.reason IS '原因 why this file is in force, in words';
COMMENT ON COLUMN audit.files_in_force.replaces IS '被替代的文件 earlier files for the same thing it stands over';
COMMENT ON COLUMN audit.files_in_force.withdrawn IS '已撤回的文件 later files for the same thing taken out of the landing zone';
