-- cadence.csv: how often each source is expected and how many days after its period ends (a department row
-- overrides the departments' own); trade_dismissed.csv: enterprises in customs tables a person has looked at
-- and set aside as not the district's.
CREATE TABLE IF NOT EXISTS raw.ref_cadence (source VARCHAR, department_code VARCHAR, cadence VARCHAR, due_days INTEGER);
CREATE TABLE IF NOT EXISTS raw.ref_trade_dismissed (name VARCHAR, uscc VARCHAR, customs_code VARCHAR, reason VARCHAR);

COMMENT ON TABLE raw.ref_cadence IS '报送频率（reference/cadence.csv）how often each source is expected and how many days after its period ends';
COMMENT ON COLUMN raw.ref_cadence.source IS '来源（bureau、customs、customs_platform、departments）source';
COMMENT ON COLUMN raw.ref_cadence.department_code IS '部门代码（空 = 来源整体）department code, NULL for the source as a whole';
COMMENT ON COLUMN raw.ref_cadence.cadence IS '报送频率（weekly 每周，monthly 每月）cadence';
COMMENT ON COLUMN raw.ref_cadence.due_days IS '期末后应报天数 days after the period ends the file is due';
COMMENT ON TABLE raw.ref_trade_dismissed IS '已排除的企业（reference/trade_dismissed.csv）enterprises of customs tables a person set aside as not the district''s';
COMMENT ON COLUMN raw.ref_trade_dismissed.name IS '企业名称 enterprise name';
COMMENT ON COLUMN raw.ref_trade_dismissed.uscc IS '统一社会信用代码 unified social credit code (USCC)';
COMMENT ON COLUMN raw.ref_trade_dismissed.customs_code IS '海关编码 customs registration code';
COMMENT ON COLUMN raw.ref_trade_dismissed.reason IS '排除理由 why it was set aside';
