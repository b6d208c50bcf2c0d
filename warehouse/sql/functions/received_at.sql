-- When a file landed: its modification time, read at load, in Asia/Shanghai (else when it was loaded). A fact of
-- the file, the same however often or late the warehouse is rebuilt.
CREATE OR REPLACE MACRO core.received_at(modified_ns, loaded_at) AS
    coalesce(timezone('Asia/Shanghai', timezone('UTC', make_timestamp(modified_ns // 1000))), loaded_at);
