-- 重点企业进出口（按月）: every roster enterprise that traded this year or last, in every reported month.
CREATE OR REPLACE TABLE marts.trade_by_enterprise AS
WITH year_totals AS (
    -- 累计 only grows, so the largest is the year's total so far.
    SELECT enterprise_id, year, max(total_ytd_wan_yuan) AS year_ytd
    FROM core.trade_months WHERE enterprise_id IS NOT NULL GROUP BY enterprise_id, year
),
reported_years AS (SELECT DISTINCT year FROM core.trade_reported_months),
spine AS (
    SELECT r.year, r.month, t.enterprise_id
    FROM core.trade_reported_months r
    JOIN (SELECT enterprise_id, year FROM year_totals WHERE year_ytd > 0
          UNION SELECT enterprise_id, year + 1 FROM year_totals WHERE year_ytd > 0) t USING (year)
),
figures AS (
    SELECT s.year, s.month, s.enterprise_id,
           -- Not listed in a reported month: nothing traded this year so far.
           coalesce(m.total_month_wan_yuan, CASE WHEN m.enterprise_key IS NULL THEN 0 END) AS total_month,
           coalesce(m.total_ytd_wan_yuan, 0) AS total_ytd,
           CASE WHEN ly_month.month IS NOT NULL THEN coalesce(ly.total_ytd_wan_yuan, 0) END AS total_ytd_last_year,
           ly_year.year IS NOT NULL AS last_year_reported,
           coalesce(ly_total.year_ytd, 0) AS last_year_total
    FROM spine s
    LEFT JOIN core.trade_months m
           ON m.year = s.year AND m.month = s.month AND m.enterprise_id = s.enterprise_id
    LEFT JOIN core.trade_reported_months ly_month ON ly_month.year = s.year - 1 AND ly_month.month = s.month
    LEFT JOIN core.trade_months ly
           ON ly.year = s.year - 1 AND ly.month = s.month AND ly.enterprise_id = s.enterprise_id
    LEFT JOIN reported_years ly_year ON ly_year.year = s.year - 1
    LEFT JOIN year_totals ly_total ON ly_total.year = s.year - 1 AND ly_total.enterprise_id = s.enterprise_id
),
judged AS (
    SELECT *,
           CAST(core.divide(total_ytd - total_ytd_last_year, total_ytd_last_year, 0.0001) AS DECIMAL(9, 4))
               AS yoy_change,
           last_year_reported AND last_year_total > 0 AND total_ytd = 0 AS stopped
    FROM figures
)
SELECT j.year, j.month, e.enterprise_name, e.uscc, e.customs_code,
       j.total_month AS total_wan_yuan,
       j.total_ytd AS total_ytd_wan_yuan,
       j.total_ytd_last_year AS total_ytd_last_year_wan_yuan,
       j.yoy_change,
       j.stopped,
       NOT j.stopped AND coalesce(j.yoy_change < -0.30, false) AS sharp_fall,
       j.last_year_reported AND j.last_year_total = 0 AND j.total_ytd > 0 AS new_this_year,
       j.last_year_reported,
       j.last_year_total AS last_year_total_wan_yuan
FROM judged j
JOIN core.enterprises e USING (enterprise_id)
ORDER BY j.year, j.month, j.total_ytd DESC, e.enterprise_name;

COMMENT ON TABLE marts.trade_by_enterprise IS '名录企业进出口（按月，万元）trade per roster enterprise and reported month, with the flags a work summary quotes (stopped, sharp fall, new)';
COMMENT ON COLUMN marts.trade_by_enterprise.year IS '年份 year';
COMMENT ON COLUMN marts.trade_by_enterprise.month IS '月份 month';
COMMENT ON COLUMN marts.trade_by_enterprise.enterprise_name IS '企业名称（名录）enterprise name as in the roster';
COMMENT ON COLUMN marts.trade_by_enterprise.uscc IS '统一社会信用代码 USCC';
COMMENT ON COLUMN marts.trade_by_enterprise.customs_code IS '海关编码 customs registration code';
COMMENT ON COLUMN marts.trade_by_enterprise.total_wan_yuan IS '当月进出口（万元）imports + exports in the month; 0 when the month''s table does not list it; NULL when the previous month''s table is missing';
COMMENT ON COLUMN marts.trade_by_enterprise.total_ytd_wan_yuan IS '1-N月累计进出口（万元）year-to-date imports + exports';
COMMENT ON COLUMN marts.trade_by_enterprise.total_ytd_last_year_wan_yuan IS '上年同期累计（万元）year to date through the same month last year; NULL when not reported';
COMMENT ON COLUMN marts.trade_by_enterprise.yoy_change IS '累计同比（小数）year-to-date change on last year as a fraction; NULL without last year''s figure';
COMMENT ON COLUMN marts.trade_by_enterprise.stopped IS '停止进出口（上年有进出口，今年至今没有）traded last year, nothing this year to date';
COMMENT ON COLUMN marts.trade_by_enterprise.sharp_fall IS '大幅下降（累计同比低于-30%，已停止的不计）year to date more than 30% below last year (stopped ones excluded)';
COMMENT ON COLUMN marts.trade_by_enterprise.new_this_year IS '新增进出口企业（上年有报送月份且上年没有进出口）no trade last year, as far as last year''s tables show; false when last year has no reported month (see last_year_reported)';
COMMENT ON COLUMN marts.trade_by_enterprise.last_year_reported IS '上年是否有企业进出口表 whether any month of last year was reported';
COMMENT ON COLUMN marts.trade_by_enterprise.last_year_total_wan_yuan IS '上年累计（截至上年最后报送月，万元）last year''s total through its last reported month';
