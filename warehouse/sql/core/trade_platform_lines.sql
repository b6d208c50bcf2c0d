CREATE OR REPLACE VIEW core.trade_platform_lines AS
SELECT p.* EXCLUDE (problems) FROM raw.customs_platform p JOIN core.active_loads USING (load_id)
WHERE p.problems IS NULL;
