-- Customs enterprise monthly rows in force, matched to the district roster: USCC, then customs code, then name.
CREATE OR REPLACE TABLE core.trade_enterprise_monthly AS
SELECT t.*,
       coalesce(by_uscc.enterprise_id, by_code.enterprise_id, by_name.enterprise_id) AS enterprise_id
FROM raw.customs_enterprise_monthly t
JOIN core.active_loads USING (load_id)
LEFT JOIN core.enterprises by_uscc ON by_uscc.uscc = t.uscc
LEFT JOIN core.enterprises by_code ON by_code.customs_code = t.customs_code
LEFT JOIN (
    SELECT enterprise_id, unnest(list_append(aliases, enterprise_name)) AS written FROM core.enterprises
) by_name ON by_name.written = t.enterprise_name;

-- Accepted platform lines in force. A view, not a copy: years of downloads run to millions of lines, and copying them
-- every night would double the time the platform path takes (bench/README.md). It replaces the table
-- core.trade_platform of earlier builds.
DROP TABLE IF EXISTS core.trade_platform;
CREATE OR REPLACE VIEW core.trade_platform_lines AS
SELECT p.* EXCLUDE (problems) FROM raw.customs_platform p JOIN core.active_loads USING (load_id)
WHERE p.problems IS NULL;
