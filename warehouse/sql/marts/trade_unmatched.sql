-- 名录外企业: enterprises in a customs table that the roster does not know, for a person to add or dismiss.
CREATE OR REPLACE TABLE marts.trade_unmatched AS
SELECT file_name, year, month, row_number,
       enterprise_name_as_written AS enterprise_name,
       customs_code_as_written AS customs_code,
       uscc_as_written AS uscc,
       total_month_wan_yuan AS total_wan_yuan,
       total_ytd_wan_yuan
FROM core.trade_months
WHERE enterprise_id IS NULL
ORDER BY year, month, enterprise_name;

COMMENT ON TABLE marts.trade_unmatched IS '未匹配到企业名录的进出口企业（不计入全区）enterprises in customs tables that match no roster enterprise by USCC, customs code, name or alias: not counted as the district''s trade until added to the roster';
COMMENT ON COLUMN marts.trade_unmatched.file_name IS '来源文件 the customs table listing it';
COMMENT ON COLUMN marts.trade_unmatched.year IS '年份 year';
COMMENT ON COLUMN marts.trade_unmatched.month IS '月份 month';
COMMENT ON COLUMN marts.trade_unmatched.row_number IS '文件中的行号 row in the file';
COMMENT ON COLUMN marts.trade_unmatched.enterprise_name IS '企业名称（原文）enterprise name as written';
COMMENT ON COLUMN marts.trade_unmatched.customs_code IS '海关编码（原文）customs code as written';
COMMENT ON COLUMN marts.trade_unmatched.uscc IS '统一社会信用代码（原文）USCC as written';
COMMENT ON COLUMN marts.trade_unmatched.total_wan_yuan IS '当月进出口（万元）imports + exports in the month';
COMMENT ON COLUMN marts.trade_unmatched.total_ytd_wan_yuan IS '1-N月累计进出口（万元）year-to-date imports + exports';
