CREATE OR REPLACE TABLE core.trade_months AS
WITH keyed AS (
    SELECT *,
           -- An enterprise outside the roster is followed from month to month by its USCC, code or name.
           coalesce('roster:' || enterprise_id, 'uscc:' || uscc, 'customs:' || customs_code,
                    'name:' || enterprise_name) AS enterprise_key
    FROM core.trade_enterprise_monthly
),
per_month AS (
    SELECT year, month, enterprise_key,
           any_value(enterprise_id) AS enterprise_id,
           min(enterprise_name) AS enterprise_name_as_written,
           min(uscc) AS uscc_as_written,
           min(customs_code) AS customs_code_as_written,
           min(region) AS region_as_written,
           min(file_name) AS file_name,
           min(row_number) AS row_number,
           sum(total_ytd_wan_yuan) AS total_ytd,
           sum(export_ytd_wan_yuan) AS export_ytd,
           sum(import_ytd_wan_yuan) AS import_ytd,
           -- 本月 as the file gives it, only when every row of the enterprise gives it.
           CASE WHEN count(total_month_wan_yuan) = count(*) THEN sum(total_month_wan_yuan) END AS total_month_given,
           CASE WHEN count(export_month_wan_yuan) = count(*) THEN sum(export_month_wan_yuan) END AS export_month_given,
           CASE WHEN count(import_month_wan_yuan) = count(*) THEN sum(import_month_wan_yuan) END AS import_month_given
    FROM keyed
    GROUP BY year, month, enterprise_key
),
with_previous AS (
    SELECT m.*,
           m.month = 1 OR r.month IS NOT NULL AS previous_reported,
           -- Not listed in a reported previous month: nothing traded before this month.
           CASE WHEN m.month > 1 AND r.month IS NOT NULL THEN coalesce(p.total_ytd, 0) END AS previous_total_ytd,
           CASE WHEN m.month > 1 AND r.month IS NOT NULL THEN coalesce(p.export_ytd, 0) END AS previous_export_ytd,
           CASE WHEN m.month > 1 AND r.month IS NOT NULL THEN coalesce(p.import_ytd, 0) END AS previous_import_ytd
    FROM per_month m
    LEFT JOIN core.trade_reported_months r ON r.year = m.year AND r.month = m.month - 1
    LEFT JOIN per_month p
           ON p.year = m.year AND p.month = m.month - 1 AND p.enterprise_key = m.enterprise_key
)
SELECT year, month, enterprise_key, enterprise_id, enterprise_name_as_written, uscc_as_written,
       customs_code_as_written, region_as_written, file_name, row_number,
       total_ytd AS total_ytd_wan_yuan, export_ytd AS export_ytd_wan_yuan, import_ytd AS import_ytd_wan_yuan,
       previous_reported, previous_total_ytd AS previous_total_ytd_wan_yuan,
       total_ytd < previous_total_ytd AS cumulative_falls,
       -- 当月: the file's own figure, else the difference of 累计 (never across a missing or falling month).
       coalesce(total_month_given, CASE WHEN month = 1 THEN total_ytd
                                        WHEN total_ytd >= previous_total_ytd THEN total_ytd - previous_total_ytd END)
           AS total_month_wan_yuan,
       coalesce(export_month_given, CASE WHEN month = 1 THEN export_ytd
                                         WHEN export_ytd >= previous_export_ytd THEN export_ytd - previous_export_ytd END)
           AS export_month_wan_yuan,
       coalesce(import_month_given, CASE WHEN month = 1 THEN import_ytd
                                         WHEN import_ytd >= previous_import_ytd THEN import_ytd - previous_import_ytd END)
           AS import_month_wan_yuan,
       total_month_given IS NOT NULL AS month_as_given
FROM with_previous;

COMMENT ON TABLE core.trade_months IS '企业月度进出口（每企业每报送月一行，万元）trade per enterprise and reported month, 万元: 累计 from the table, 当月 from the table or from the previous month''s 累计';
COMMENT ON COLUMN core.trade_months.year IS '年份 year';
COMMENT ON COLUMN core.trade_months.month IS '月份 month';
COMMENT ON COLUMN core.trade_months.enterprise_key IS '企业键 how the enterprise is followed from month to month';
COMMENT ON COLUMN core.trade_months.enterprise_id IS '名录企业编号（名录外为空）roster enterprise id, NULL outside the roster';
COMMENT ON COLUMN core.trade_months.enterprise_name_as_written IS '企业名称（原文）name as written';
COMMENT ON COLUMN core.trade_months.uscc_as_written IS '统一社会信用代码（原文）USCC as written';
COMMENT ON COLUMN core.trade_months.customs_code_as_written IS '海关编码（原文）customs code as written';
COMMENT ON COLUMN core.trade_months.region_as_written IS '所属区域（原文）region as written';
COMMENT ON COLUMN core.trade_months.file_name IS '来源文件 file';
COMMENT ON COLUMN core.trade_months.row_number IS '行号 row';
COMMENT ON COLUMN core.trade_months.total_ytd_wan_yuan IS '累计进出口（万元）year to date';
COMMENT ON COLUMN core.trade_months.export_ytd_wan_yuan IS '累计出口（万元）exports year to date';
COMMENT ON COLUMN core.trade_months.import_ytd_wan_yuan IS '累计进口（万元）imports year to date';
COMMENT ON COLUMN core.trade_months.previous_reported IS '上月是否报送 whether the previous month''s table is in';
COMMENT ON COLUMN core.trade_months.previous_total_ytd_wan_yuan IS '上月累计（万元）previous month''s year to date';
COMMENT ON COLUMN core.trade_months.cumulative_falls IS '累计是否下降 true when year to date fell';
COMMENT ON COLUMN core.trade_months.total_month_wan_yuan IS '当月进出口（万元）in the month';
COMMENT ON COLUMN core.trade_months.export_month_wan_yuan IS '当月出口（万元）exports in the month';
COMMENT ON COLUMN core.trade_months.import_month_wan_yuan IS '当月进口（万元）imports in the month';
COMMENT ON COLUMN core.trade_months.month_as_given IS '当月数是否表中给出 true when the table gave 本月';
