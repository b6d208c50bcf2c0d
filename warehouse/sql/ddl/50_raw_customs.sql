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

COMMENT ON TABLE raw.customs_enterprise_monthly IS '海关企业进出口情况表（原样读入，金额已换算为万元）the customs enterprise tables, every row read, amounts in 10 thousand yuan';
COMMENT ON COLUMN raw.customs_enterprise_monthly.year IS '年份 year';
COMMENT ON COLUMN raw.customs_enterprise_monthly.month IS '月份（文件所含最后一月）the last month the file covers';
COMMENT ON COLUMN raw.customs_enterprise_monthly.enterprise_name IS '企业名称 enterprise name as written';
COMMENT ON COLUMN raw.customs_enterprise_monthly.customs_code IS '海关编码 customs registration code';
COMMENT ON COLUMN raw.customs_enterprise_monthly.uscc IS '统一社会信用代码 unified social credit code (USCC)';
COMMENT ON COLUMN raw.customs_enterprise_monthly.region IS '所属区域 the region the table files the enterprise under';
COMMENT ON COLUMN raw.customs_enterprise_monthly.total_month_wan_yuan IS '当月进出口（万元）trade of the month, 10 thousand yuan';
COMMENT ON COLUMN raw.customs_enterprise_monthly.total_ytd_wan_yuan IS '累计进出口（万元）year-to-date trade, 10 thousand yuan';
COMMENT ON COLUMN raw.customs_enterprise_monthly.export_month_wan_yuan IS '当月出口（万元）exports of the month';
COMMENT ON COLUMN raw.customs_enterprise_monthly.export_ytd_wan_yuan IS '累计出口（万元）year-to-date exports';
COMMENT ON COLUMN raw.customs_enterprise_monthly.import_month_wan_yuan IS '当月进口（万元）imports of the month';
COMMENT ON COLUMN raw.customs_enterprise_monthly.import_ytd_wan_yuan IS '累计进口（万元）year-to-date imports';
COMMENT ON COLUMN raw.customs_enterprise_monthly.ytd_yoy_pct IS '累计同比（%）year-to-date change on last year, per cent, as written';
COMMENT ON COLUMN raw.customs_enterprise_monthly.unit_as_written IS '单位原文 the unit as written (元, 万元, 美元…)';
COMMENT ON TABLE raw.customs_platform IS '海关统计平台下载（每一行，商品×贸易伙伴×贸易方式×注册地）customs statistics platform downloads, every line read';
COMMENT ON COLUMN raw.customs_platform.year IS '年份 year';
COMMENT ON COLUMN raw.customs_platform.month_from IS '起始月份 first month of the period';
COMMENT ON COLUMN raw.customs_platform.month_to IS '截至月份 last month of the period';
COMMENT ON COLUMN raw.customs_platform.hs_code IS '商品编码（HS，文本保留前导零）HS commodity code, text';
COMMENT ON COLUMN raw.customs_platform.product_name IS '商品名称 product name';
COMMENT ON COLUMN raw.customs_platform.partner_code IS '贸易伙伴编码 partner country code';
COMMENT ON COLUMN raw.customs_platform.partner_name IS '贸易伙伴名称 partner country';
COMMENT ON COLUMN raw.customs_platform.trade_mode_code IS '贸易方式编码 trade mode code';
COMMENT ON COLUMN raw.customs_platform.trade_mode_name IS '贸易方式 trade mode';
COMMENT ON COLUMN raw.customs_platform.reg_place_code IS '注册地编码 registration place code';
COMMENT ON COLUMN raw.customs_platform.reg_place_name IS '注册地名称 registration place';
COMMENT ON COLUMN raw.customs_platform.quantity_1 IS '第一数量 first quantity';
COMMENT ON COLUMN raw.customs_platform.unit_1 IS '第一计量单位 unit of the first quantity';
COMMENT ON COLUMN raw.customs_platform.quantity_2 IS '第二数量 second quantity';
COMMENT ON COLUMN raw.customs_platform.unit_2 IS '第二计量单位 unit of the second quantity';
COMMENT ON COLUMN raw.customs_platform.value_yuan IS '人民币金额（元）value in yuan';
COMMENT ON COLUMN raw.customs_platform.value_usd IS '美元金额（美元）value in US dollars';
COMMENT ON COLUMN raw.customs_platform.problems IS '问题（空 = 已接受；[] = 非数据行）the cells and rules a line broke, as in audit.quarantine; NULL on an accepted line, [] on a line that is not data';
