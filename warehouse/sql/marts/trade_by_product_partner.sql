-- 商品×贸易伙伴×贸易方式: the customs platform downloads, both currencies (the missing one at the month's rate),
-- per registration place (a city: the platform gives nothing finer). Each month of a year and place comes from
-- one download (core.trade_platform_coverage), so a SUM never counts a month twice; a cumulative download is kept
-- as its span, counted only where no monthly download has its months.
CREATE OR REPLACE TABLE marts.trade_by_product_partner AS
SELECT p.year,
       p.month_to AS month,
       p.month_from,
       c.period_kind,
       p.reg_place_code AS region_code,
       p.reg_place_name AS region,
       p.hs_code, p.product_name, p.partner_code, p.partner_name,
       p.trade_mode_name AS trade_mode, p.trade_mode_code,
       -- A rate missing from fx_rates leaves the converted total NULL rather than short.
       -- Each line is converted and rounded to the cent, then summed: the sum stays DECIMAL.
       CASE WHEN count(*) = count(coalesce(p.value_yuan, p.value_usd * fx.usd_cny))
            THEN sum(coalesce(p.value_yuan, CAST(round(p.value_usd * fx.usd_cny, 2) AS DECIMAL(20, 2)))) END
           AS value_yuan,
       CASE WHEN count(*) = count(coalesce(p.value_usd, core.divide(p.value_yuan, fx.usd_cny, 0.01)))
            THEN sum(coalesce(p.value_usd, CAST(core.divide(p.value_yuan, fx.usd_cny, 0.01) AS DECIMAL(20, 2)))) END
           AS value_usd,
       sum(p.quantity_1) AS quantity_1, min(p.unit_1) AS unit_1,
       count(*) AS source_lines,
       p.file_name AS source_file
FROM core.trade_platform_lines p
JOIN core.trade_platform_coverage c
  ON c.load_id = p.load_id AND c.year = p.year AND c.month_from = p.month_from AND c.month_to = p.month_to
 AND c.region_code IS NOT DISTINCT FROM p.reg_place_code
LEFT JOIN core.fx_rates fx ON fx.year = p.year AND fx.month = p.month_to
WHERE c.counted
GROUP BY ALL
ORDER BY year, month_from, month, region_code, hs_code, partner_code, trade_mode_code;

COMMENT ON TABLE marts.trade_by_product_partner IS '海关统计平台数据：按注册地（地市）、商品、贸易伙伴、贸易方式汇总；每年每地每月只取一个下载，求和不会重复 customs platform downloads by registration place (a city), HS code, partner and trade mode; each month of a year and place from one download, so a sum never counts a month twice';
COMMENT ON COLUMN marts.trade_by_product_partner.year IS '年份 year';
COMMENT ON COLUMN marts.trade_by_product_partner.month IS '月份（多月下载为截止月）month, or the last month of a multi-month download';
COMMENT ON COLUMN marts.trade_by_product_partner.month_from IS '起始月份（按月下载时等于month）first month covered';
COMMENT ON COLUMN marts.trade_by_product_partner.period_kind IS '期间类型（month 单月，cumulative 1-N月累计，span 多月）whether the row is one month or a multi-month span; labels in core.codes: period_kind';
COMMENT ON COLUMN marts.trade_by_product_partner.region_code IS '注册地编码 registration place code (NULL when the download has no 注册地 column)';
COMMENT ON COLUMN marts.trade_by_product_partner.region IS '注册地（地市级，平台最细只到地市，不是西城区）registration place: a city, the finest the platform gives, not the district';
COMMENT ON COLUMN marts.trade_by_product_partner.hs_code IS '商品编码（HS，文本，保留开头的0）HS code as text, leading zeros kept';
COMMENT ON COLUMN marts.trade_by_product_partner.product_name IS '商品名称 product name';
COMMENT ON COLUMN marts.trade_by_product_partner.partner_code IS '贸易伙伴编码 partner country/region code';
COMMENT ON COLUMN marts.trade_by_product_partner.partner_name IS '贸易伙伴名称 partner name';
COMMENT ON COLUMN marts.trade_by_product_partner.trade_mode IS '贸易方式名称 trade mode';
COMMENT ON COLUMN marts.trade_by_product_partner.trade_mode_code IS '贸易方式编码 trade mode code';
COMMENT ON COLUMN marts.trade_by_product_partner.value_yuan IS '人民币金额（元），文件只给美元时按当月汇率折算 value in yuan; converted at the month''s USD/CNY rate when the file gave dollars';
COMMENT ON COLUMN marts.trade_by_product_partner.value_usd IS '美元金额（美元），文件只给人民币时按当月汇率折算 value in US dollars; converted when the file gave yuan';
COMMENT ON COLUMN marts.trade_by_product_partner.quantity_1 IS '第一数量 first quantity, in unit_1';
COMMENT ON COLUMN marts.trade_by_product_partner.unit_1 IS '第一计量单位 unit of the first quantity';
COMMENT ON COLUMN marts.trade_by_product_partner.source_lines IS '汇总的原始行数 platform lines summed';
COMMENT ON COLUMN marts.trade_by_product_partner.source_file IS '来源文件 the download the row comes from';
