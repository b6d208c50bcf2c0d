-- Which customs platform lines the trade marts count, so that a sum never counts a month twice. Per year and
-- registration place (注册地), each month comes from one download only: the latest-arrived monthly download that
-- has it. A download of several months (1-N月 cumulative, or any span) counts only where no monthly download
-- has any of its months and no preferred span shares one (preferred: ending later, then longer, then arrived
-- later). Everything set aside stays in core.trade_platform_lines, with its reason here.
CREATE OR REPLACE TABLE core.trade_platform_coverage AS
WITH parts AS (
    SELECT p.load_id, p.file_name, p.year, p.month_from, p.month_to, p.reg_place_code AS region_code,
           min(p.reg_place_name) AS region, count(*) AS lines,
           -- As marts.trade_by_product_partner converts: each line at its last month's rate, to the cent.
           CASE WHEN count(*) = count(coalesce(p.value_yuan, p.value_usd * fx.usd_cny))
                THEN sum(coalesce(p.value_yuan, CAST(round(p.value_usd * fx.usd_cny, 2) AS DECIMAL(20, 2)))) END
               AS value_yuan,
           core.received_at(l.modified_ns, l.loaded_at) AS received_at
    FROM core.trade_platform_lines p
    JOIN audit.loads l USING (load_id)
    LEFT JOIN core.fx_rates fx ON fx.year = p.year AND fx.month = p.month_to
    GROUP BY ALL
),
monthly AS (
    SELECT *,
           first_value(file_name) OVER latest AS counted_file,
           row_number() OVER latest = 1 AS counted
    FROM parts
    WHERE month_from = month_to
    WINDOW latest AS (PARTITION BY year, month_to, region_code ORDER BY received_at DESC, load_id DESC)
),
spans AS (
    SELECT s.*,
           EXISTS (SELECT 1 FROM parts m
                   WHERE m.month_from = m.month_to AND m.year = s.year AND m.region_code IS NOT DISTINCT FROM s.region_code
                     AND m.month_to BETWEEN s.month_from AND s.month_to) AS months_covered,
           (SELECT min(t.file_name) FROM parts t
            WHERE t.month_from < t.month_to AND t.year = s.year AND t.region_code IS NOT DISTINCT FROM s.region_code
              AND t.load_id <> s.load_id AND t.month_from <= s.month_to AND t.month_to >= s.month_from
              AND (t.month_to, t.month_to - t.month_from, t.received_at, t.load_id)
                  > (s.month_to, s.month_to - s.month_from, s.received_at, s.load_id)) AS preferred_file
    FROM parts s
    WHERE s.month_from < s.month_to
)
SELECT load_id, file_name, year, month_from, month_to, 'month' AS period_kind, region_code, region, lines,
       value_yuan, received_at, counted,
       CASE WHEN NOT counted THEN '同月有更新的下载，计入的是 a later download of the month is counted: ' || counted_file
       END AS set_aside_reason
FROM monthly
UNION ALL
SELECT load_id, file_name, year, month_from, month_to, CASE WHEN month_from = 1 THEN 'cumulative' ELSE 'span' END,
       region_code, region, lines, value_yuan, received_at, NOT months_covered AND preferred_file IS NULL,
       CASE WHEN months_covered THEN '这些月份已有按月下载 monthly downloads cover these months'
            WHEN preferred_file IS NOT NULL THEN '同期有更完整的下载，计入的是 a download of the same months is counted: '
                                                 || preferred_file END
FROM spans
ORDER BY year, month_from, month_to, region_code, received_at, load_id;

COMMENT ON TABLE core.trade_platform_coverage IS '海关统计平台下载的计入情况（每个文件、年份、统计期、注册地一行）which platform downloads the trade marts count, so that a sum never counts a month twice, and why the others are set aside';
COMMENT ON COLUMN core.trade_platform_coverage.load_id IS '载入编号 load id';
COMMENT ON COLUMN core.trade_platform_coverage.file_name IS '文件名 file name';
COMMENT ON COLUMN core.trade_platform_coverage.year IS '年份 year';
COMMENT ON COLUMN core.trade_platform_coverage.month_from IS '起始月份 first month';
COMMENT ON COLUMN core.trade_platform_coverage.month_to IS '截止月份 last month';
COMMENT ON COLUMN core.trade_platform_coverage.period_kind IS '期间类型（month 单月，cumulative 1-N月累计，span 多月）kind of period';
COMMENT ON COLUMN core.trade_platform_coverage.region_code IS '注册地编码（地市）registration place code, city level';
COMMENT ON COLUMN core.trade_platform_coverage.region IS '注册地（地市，平台最细只到地市，不是西城区）registration place: a city, the finest the platform gives, not the district';
COMMENT ON COLUMN core.trade_platform_coverage.lines IS '行数 lines';
COMMENT ON COLUMN core.trade_platform_coverage.value_yuan IS '金额合计（元，美元按截止月汇率折算）total value in yuan, dollars converted at the last month''s rate as in marts.trade_by_product_partner';
COMMENT ON COLUMN core.trade_platform_coverage.received_at IS '收到时间 when the file landed';
COMMENT ON COLUMN core.trade_platform_coverage.counted IS '是否计入 marts.trade_by_product_partner true when these lines are counted';
COMMENT ON COLUMN core.trade_platform_coverage.set_aside_reason IS '未计入原因 why they are not counted';
