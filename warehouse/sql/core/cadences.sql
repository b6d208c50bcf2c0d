-- How often each source and each department is expected (reference/cadence.csv, or its defaults): a department
-- without a row of its own follows the departments' row.
CREATE OR REPLACE TABLE core.cadences AS
SELECT source, CAST(NULL AS VARCHAR) AS department_code, cadence, due_days
FROM raw.ref_cadence WHERE department_code IS NULL
UNION ALL
SELECT 'departments', d.department_code, coalesce(own.cadence, every.cadence), coalesce(own.due_days, every.due_days)
FROM core.departments d
LEFT JOIN raw.ref_cadence own ON own.source = 'departments' AND own.department_code = d.department_code
LEFT JOIN raw.ref_cadence every ON every.source = 'departments' AND every.department_code IS NULL
WHERE coalesce(own.cadence, every.cadence) IS NOT NULL
ORDER BY source, department_code NULLS FIRST;

COMMENT ON TABLE core.cadences IS '报送频率（每个来源一行，每个部门一行）how often each source and each department is expected, from reference/cadence.csv';
COMMENT ON COLUMN core.cadences.source IS '来源（bureau 市商务局，customs 海关企业表，customs_platform 海关统计平台，departments 部门）source';
COMMENT ON COLUMN core.cadences.department_code IS '部门代码（来源整体为空）department code, NULL for the source as a whole';
COMMENT ON COLUMN core.cadences.cadence IS '频率（weekly 每周，monthly 每月）cadence';
COMMENT ON COLUMN core.cadences.due_days IS '期末后几天内应到 days after the end of a period by which its file is due';
