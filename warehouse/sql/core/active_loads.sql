-- Only files whose load is in force count: a superseded or rejected load keeps its rows for the audit trail.
CREATE OR REPLACE VIEW core.active_loads AS
SELECT load_id, source, file_name, loaded_at FROM audit.loads WHERE status = 'loaded';
