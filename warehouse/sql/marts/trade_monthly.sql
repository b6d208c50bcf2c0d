-- 全区货物进出口（按月）: the district's trade, roster enterprises only, for every month a customs table reports,
-- beside the same month of last year.
CREATE OR REPLACE TABLE marts.trade_monthly AS
WITH district AS (
    SELECT r.year, r.month,
           coalesce(sum(t.total_ytd_wan_yuan), 0) AS total_ytd,
           -- A month's flow is known only when it is known for every roster enterprise in it.
           CASE WHEN count(t.enterprise_key) = count(t.export_month_wan_yuan)
                THEN coalesce(sum(t.export_month_wan_yuan), 0) END AS export_month,
           CASE WHEN count(t.enterprise_key) = count(t.import_month_wan_yuan)
                THEN coalesce(sum(t.import_month_wan_yuan), 0) END AS import_month,
           CASE WHEN count(t.enterprise_key) = count(t.total_month_wan_yuan)
                THEN coalesce(sum(t.total_month_wan_yuan), 0) END AS total_month,
           count(t.enterprise_key) AS enterprises
    FROM core.trade_reported_months r
    LEFT JOIN core.trade_months t ON t.year = r.year AND t.month = r.month AND t.enterprise_id IS NOT NULL
    GROUP BY r.year, r.month
),
files AS (
    SELECT year, month, min(file_name) AS file_name FROM core.trade_enterprise_monthly GROUP BY year, month
)
SELECT d.year,
       d.month,
       d.export_month AS export_wan_yuan,
       d.import_month AS import_wan_yuan,
       d.total_month AS total_wan_yuan,
       ly.export_month AS export_last_year_wan_yuan,
       ly.import_month AS import_last_year_wan_yuan,
       ly.total_month AS total_last_year_wan_yuan,
       CAST(core.divide(d.total_month - ly.total_month, ly.total_month, 0.0001) AS DECIMAL(9, 4)) AS month_yoy_change,
       d.total_ytd AS total_ytd_wan_yuan,
       ly.total_ytd AS total_ytd_last_year_wan_yuan,
       CAST(core.divide(d.total_ytd - ly.total_ytd, ly.total_ytd, 0.0001) AS DECIMAL(9, 4)) AS yoy_change,
       tg.target AS target_wan_yuan,
       CAST(core.divide(d.total_ytd, tg.target, 0.0001) AS DECIMAL(9, 4)) AS completion_rate,
       CAST(core.divide(d.month, 12, 0.0001) AS DECIMAL(9, 4)) AS time_progress,
       d.enterprises,
       f.file_name AS source_file
FROM district d
JOIN files f USING (year, month)
LEFT JOIN district ly ON ly.year = d.year - 1 AND ly.month = d.month
LEFT JOIN core.targets tg ON tg.year = d.year AND tg.metric_code = 'trade_total'
ORDER BY d.year, d.month;

COMMENT ON TABLE marts.trade_monthly IS '全区货物进出口（按月，仅名录内企业，万元）the district''s goods trade per month, roster enterprises only, from the customs enterprise tables, beside the same month last year';
COMMENT ON COLUMN marts.trade_monthly.year IS '年份 year';
COMMENT ON COLUMN marts.trade_monthly.month IS '月份 month';
COMMENT ON COLUMN marts.trade_monthly.export_wan_yuan IS '当月出口（万元）exports in the month; NULL when the previous month''s table is missing';
COMMENT ON COLUMN marts.trade_monthly.import_wan_yuan IS '当月进口（万元）imports in the month; NULL when the previous month''s table is missing';
COMMENT ON COLUMN marts.trade_monthly.total_wan_yuan IS '当月进出口（万元）imports + exports in the month (the table''s 本月, or the difference of 累计)';
COMMENT ON COLUMN marts.trade_monthly.export_last_year_wan_yuan IS '上年同月出口（万元）exports in the same month last year; NULL when not known';
COMMENT ON COLUMN marts.trade_monthly.import_last_year_wan_yuan IS '上年同月进口（万元）imports in the same month last year; NULL when not known';
COMMENT ON COLUMN marts.trade_monthly.total_last_year_wan_yuan IS '上年同月进出口（万元）imports + exports in the same month last year; NULL when not known';
COMMENT ON COLUMN marts.trade_monthly.month_yoy_change IS '当月同比（小数，-0.3 = 下降30%）the month''s change on the same month last year as a fraction';
COMMENT ON COLUMN marts.trade_monthly.total_ytd_wan_yuan IS '1-N月累计进出口（万元）year-to-date imports + exports through the month';
COMMENT ON COLUMN marts.trade_monthly.total_ytd_last_year_wan_yuan IS '上年同期累计（万元）year-to-date through the same month last year; NULL when that month was not reported';
COMMENT ON COLUMN marts.trade_monthly.yoy_change IS '累计同比（小数，-0.3 = 下降30%）year-to-date change on last year as a fraction';
COMMENT ON COLUMN marts.trade_monthly.target_wan_yuan IS '全年市定目标（万元）annual city target for trade_total';
COMMENT ON COLUMN marts.trade_monthly.completion_rate IS '完成率 = 累计 / 目标（小数）completion rate as a fraction';
COMMENT ON COLUMN marts.trade_monthly.time_progress IS '时间进度 = 月份 / 12（小数）time progress as a fraction';
COMMENT ON COLUMN marts.trade_monthly.enterprises IS '名录企业数（当月表中）roster enterprises listed in the month''s table';
COMMENT ON COLUMN marts.trade_monthly.source_file IS '来源文件 the customs enterprise table of the month';
