-- 名录外企业: enterprises in a customs table that the roster does not know, for a person to add to the roster or
-- set aside in reference/trade_dismissed.csv (by USCC, customs code or name as written), with where each is
-- registered: the table's 所属区域, the division code in its USCC and the customs area in its customs code.
CREATE OR REPLACE TABLE marts.trade_unmatched AS
SELECT t.file_name, t.year, t.month, t.row_number,
       t.enterprise_name_as_written AS enterprise_name,
       t.customs_code_as_written AS customs_code,
       t.uscc_as_written AS uscc,
       t.region_as_written AS region,
       substr(t.uscc_as_written, 3, 6) AS uscc_division_code,
       substr(t.customs_code_as_written, 1, 4) AS customs_area_code,
       t.total_month_wan_yuan AS total_wan_yuan,
       t.total_ytd_wan_yuan
FROM core.trade_months t
WHERE t.enterprise_id IS NULL
  AND NOT EXISTS (
      SELECT 1 FROM raw.ref_trade_dismissed d
      WHERE d.uscc = t.uscc_as_written OR d.customs_code = t.customs_code_as_written
         OR core.name_key(d.name) = core.name_key(t.enterprise_name_as_written))
ORDER BY t.year, t.month, t.enterprise_name_as_written;

COMMENT ON TABLE marts.trade_unmatched IS '未匹配到企业名录的进出口企业（不计入全区；已在 reference/trade_dismissed.csv 排除的不列）enterprises in customs tables that match no roster enterprise by USCC, customs code, name or alias: not counted as the district''s trade until added to the roster; those set aside in reference/trade_dismissed.csv are left out';
COMMENT ON COLUMN marts.trade_unmatched.file_name IS '来源文件 the customs table listing it';
COMMENT ON COLUMN marts.trade_unmatched.year IS '年份 year';
COMMENT ON COLUMN marts.trade_unmatched.month IS '月份 month';
COMMENT ON COLUMN marts.trade_unmatched.row_number IS '文件中的行号 row in the file';
COMMENT ON COLUMN marts.trade_unmatched.enterprise_name IS '企业名称（原文）enterprise name as written';
COMMENT ON COLUMN marts.trade_unmatched.customs_code IS '海关编码（原文）customs code as written';
COMMENT ON COLUMN marts.trade_unmatched.uscc IS '统一社会信用代码（原文）USCC as written';
COMMENT ON COLUMN marts.trade_unmatched.region IS '所属区域（表中原文）where the table says the enterprise is (所属区域 as written)';
COMMENT ON COLUMN marts.trade_unmatched.uscc_division_code IS '登记机关行政区划码（统一社会信用代码第3-8位）the administrative division of its registration authority: digits 3-8 of the USCC';
COMMENT ON COLUMN marts.trade_unmatched.customs_area_code IS '海关关区代码（海关编码前4位，4111 = 漯河）customs area: the first 4 digits of the customs code (4111 = Luohe)';
COMMENT ON COLUMN marts.trade_unmatched.total_wan_yuan IS '当月进出口（万元）imports + exports in the month';
COMMENT ON COLUMN marts.trade_unmatched.total_ytd_wan_yuan IS '1-N月累计进出口（万元）year-to-date imports + exports';
