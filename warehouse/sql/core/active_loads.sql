-- Only files whose load is in force count: a superseded or rejected load keeps its rows for the audit trail.
-- received_at is when the file landed (its modification time, read at load), in Asia/Shanghai: a fact of the
-- file, the same however often or late the warehouse is rebuilt.
CREATE OR REPLACE VIEW core.active_loads AS
SELECT load_id, source, file_name, loaded_at,
       coalesce(timezone('Asia/Shanghai', timezone('UTC', make_timestamp(modified_ns // 1000))), loaded_at)
           AS received_at
FROM audit.loads WHERE status = 'loaded';

COMMENT ON TABLE core.active_loads IS '在用的载入（每个在用文件一行）loads in force: files not superseded or rejected';
COMMENT ON COLUMN core.active_loads.load_id IS '载入编号 load id';
COMMENT ON COLUMN core.active_loads.source IS '来源（bureau、departments、customs）source';
COMMENT ON COLUMN core.active_loads.file_name IS '文件名 file name';
COMMENT ON COLUMN core.active_loads.loaded_at IS '载入时间 when the warehouse loaded it';
COMMENT ON COLUMN core.active_loads.received_at IS '收到时间（文件落地时间，北京时间）when the file landed: its modification time, Asia/Shanghai';
