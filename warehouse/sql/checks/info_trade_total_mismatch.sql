-- 企业进出口表合计与各行之和不符 A customs enterprise table whose rows do not add up to its own 合计 row.
-- column message: 说明
-- checks: core.trade_enterprise_monthly
SELECT f.file_name, f.sheet, f.message
FROM audit.file_findings f
JOIN core.active_loads l USING (load_id)
WHERE l.source = 'customs' AND f.rule = 'total_mismatch'
ORDER BY f.file_name;
