CREATE OR REPLACE VIEW core.trade_platform_lines AS
SELECT p.* EXCLUDE (problems) FROM raw.customs_platform p JOIN core.active_loads USING (load_id)
WHERE p.problems IS NULL;

COMMENT ON TABLE core.trade_platform_lines IS '海关统计平台在用数据行 customs platform lines of the downloads in force that broke no rule; marts.trade_by_product_partner counts them by core.trade_platform_coverage';
COMMENT ON COLUMN core.trade_platform_lines.load_id IS '载入编号 load id';
COMMENT ON COLUMN core.trade_platform_lines.file_name IS '文件名 file name';
COMMENT ON COLUMN core.trade_platform_lines.row_number IS '文件行号 line in the file';
COMMENT ON COLUMN core.trade_platform_lines.year IS '年份 year';
COMMENT ON COLUMN core.trade_platform_lines.month_from IS '起始月份 first month';
COMMENT ON COLUMN core.trade_platform_lines.month_to IS '截止月份 last month';
COMMENT ON COLUMN core.trade_platform_lines.hs_code IS '商品编码 HS code';
COMMENT ON COLUMN core.trade_platform_lines.product_name IS '商品名称 product';
COMMENT ON COLUMN core.trade_platform_lines.partner_code IS '贸易伙伴编码 partner code';
COMMENT ON COLUMN core.trade_platform_lines.partner_name IS '贸易伙伴 partner';
COMMENT ON COLUMN core.trade_platform_lines.trade_mode_code IS '贸易方式编码 trade mode code';
COMMENT ON COLUMN core.trade_platform_lines.trade_mode_name IS '贸易方式 trade mode';
COMMENT ON COLUMN core.trade_platform_lines.reg_place_code IS '注册地编码 registration place code';
COMMENT ON COLUMN core.trade_platform_lines.reg_place_name IS '注册地 registration place (a city)';
COMMENT ON COLUMN core.trade_platform_lines.quantity_1 IS '第一数量 first quantity';
COMMENT ON COLUMN core.trade_platform_lines.unit_1 IS '第一计量单位 first unit';
COMMENT ON COLUMN core.trade_platform_lines.quantity_2 IS '第二数量 second quantity';
COMMENT ON COLUMN core.trade_platform_lines.unit_2 IS '第二计量单位 second unit';
COMMENT ON COLUMN core.trade_platform_lines.value_yuan IS '人民币（元）value in yuan, as given';
COMMENT ON COLUMN core.trade_platform_lines.value_usd IS '美元 value in US dollars, as given';
