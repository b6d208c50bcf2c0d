-- 同一地区同一期间的两份海关统计平台下载合计不一致 Two platform downloads of the same months and place whose totals differ by more than 1%: both files and totals.
-- column months: 期间
-- column file: 文件
-- column file_total_yuan: 该文件合计（元）
-- column other_files: 另一下载
-- column other_total_yuan: 另一下载合计（元）
-- column difference_rate: 相差比例
-- severity: warn
-- checks: core.trade_platform_coverage
-- A warning: only one of them is counted (core.trade_platform_coverage), and which is right is for whoever
-- downloaded them to say. A download of several months is set against another of the same months, or against the
-- monthly downloads counted for every one of its months; 1% leaves room for the platform's later small revisions.
WITH others AS (
    -- another download of the same months
    SELECT s.load_id, s.year, s.month_from, s.month_to, s.region_code,
           o.file_name AS other_files, o.value_yuan AS other_total_yuan, true AS complete
    FROM core.trade_platform_coverage s
    JOIN core.trade_platform_coverage o
      ON o.year = s.year AND o.month_from = s.month_from AND o.month_to = s.month_to
     AND o.region_code IS NOT DISTINCT FROM s.region_code AND o.load_id > s.load_id
    UNION ALL
    -- the monthly downloads counted for the months of a multi-month one
    SELECT s.load_id, s.year, s.month_from, s.month_to, s.region_code,
           string_agg(DISTINCT m.file_name, '、' ORDER BY m.file_name), sum(m.value_yuan),
           count(m.value_yuan) = s.month_to - s.month_from + 1
    FROM core.trade_platform_coverage s
    JOIN core.trade_platform_coverage m
      ON m.year = s.year AND m.region_code IS NOT DISTINCT FROM s.region_code AND m.period_kind = 'month'
     AND m.counted AND m.month_to BETWEEN s.month_from AND s.month_to
    WHERE s.month_from < s.month_to
    GROUP BY s.load_id, s.year, s.month_from, s.month_to, s.region_code
)
SELECT s.year, s.region,
       CASE WHEN s.month_from = s.month_to THEN s.month_to || '月' ELSE s.month_from || '-' || s.month_to || '月' END
           AS months,
       s.file_name AS file, s.value_yuan AS file_total_yuan, o.other_files, o.other_total_yuan,
       CAST(abs(s.value_yuan - o.other_total_yuan) / greatest(s.value_yuan, o.other_total_yuan) AS DECIMAL(9, 4))
           AS difference_rate
FROM core.trade_platform_coverage s
JOIN others o USING (load_id, year, month_from, month_to, region_code)
WHERE o.complete
  AND abs(s.value_yuan - o.other_total_yuan) > 0.01 * greatest(s.value_yuan, o.other_total_yuan)
ORDER BY s.year, s.region, s.month_from, s.month_to, s.file_name;
