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

COMMENT ON TABLE core.trade_enterprise_monthly IS '海关企业进出口表（在用的每一行，已匹配名录）customs enterprise table rows in force, matched to the roster by USCC, customs code, then name; columns as in raw.customs_enterprise_monthly';
