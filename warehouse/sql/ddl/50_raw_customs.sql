-- Enterprise monthly table, amounts converted to 万元 at load (ingest/units.py).
CREATE TABLE IF NOT EXISTS raw.customs_enterprise_monthly (
    load_id BIGINT NOT NULL, file_name VARCHAR NOT NULL, sheet VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    year INTEGER NOT NULL,
    month INTEGER NOT NULL,          -- the last month the file covers
    enterprise_name VARCHAR NOT NULL,
    customs_code VARCHAR,
    uscc VARCHAR,
    region VARCHAR,
    total_month_wan_yuan DECIMAL(18, 4),
    total_ytd_wan_yuan DECIMAL(18, 4),
    export_month_wan_yuan DECIMAL(18, 4),
    export_ytd_wan_yuan DECIMAL(18, 4),
    import_month_wan_yuan DECIMAL(18, 4),
    import_ytd_wan_yuan DECIMAL(18, 4),
    ytd_yoy_pct DECIMAL(18, 4),
    unit_as_written VARCHAR
);

-- Customs statistics platform download (HS8 x partner x trade mode x registration place): every line read.
CREATE TABLE IF NOT EXISTS raw.customs_platform (
    load_id BIGINT NOT NULL, file_name VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    year INTEGER,                    -- never NULL once loaded: a line without a period is quarantined
    month_from INTEGER,
    month_to INTEGER,
    hs_code VARCHAR,                 -- text: HS codes keep their leading zeros
    product_name VARCHAR,
    partner_code VARCHAR,
    partner_name VARCHAR,
    trade_mode_code VARCHAR,
    trade_mode_name VARCHAR,
    reg_place_code VARCHAR,
    reg_place_name VARCHAR,
    quantity_1 DECIMAL(20, 4),
    unit_1 VARCHAR,
    quantity_2 DECIMAL(20, 4),
    unit_2 VARCHAR,
    value_yuan DECIMAL(20, 2),
    value_usd DECIMAL(20, 2),
    -- NULL on an accepted line. On a line that broke a rule: the cells and rules, as also in audit.quarantine.
    -- [] on a line that is not data (合计, a footer). core.trade_platform_lines keeps only the NULL ones.
    problems STRUCT(field VARCHAR, value VARCHAR, rule VARCHAR)[]
);
ALTER TABLE raw.customs_platform ADD COLUMN IF NOT EXISTS problems STRUCT(field VARCHAR, value VARCHAR, rule VARCHAR)[];
