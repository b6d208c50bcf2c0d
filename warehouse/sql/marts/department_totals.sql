-- 全区合计: year-to-date district figures by the end of each week, duplicates counted once.
CREATE OR REPLACE TABLE marts.department_totals AS
WITH weeks AS (SELECT DISTINCT year, week FROM core.department_weeks),
lead_latest AS (
    SELECT w.year, w.week, s.valuable
    FROM weeks w
    JOIN core.department_lead_statuses s ON s.year = w.year AND s.week <= w.week
    QUALIFY row_number() OVER (PARTITION BY w.year, w.week, s.lead_key
                               ORDER BY s.week DESC, s.load_id DESC, s.row_number DESC) = 1
),
leads AS (
    SELECT year, week, count(*) FILTER (WHERE valuable) AS valuable_leads
    FROM lead_latest GROUP BY ALL
),
projects AS (
    SELECT w.year, w.week, count(p.project_key) AS signed_projects,
           count(p.project_key) FILTER (WHERE p.yi_project) AS yi_projects,
           CAST(coalesce(sum(p.total_investment_yi_yuan), 0) AS DECIMAL(18, 4)) AS signed_investment_yi_yuan,
           coalesce(bool_or(p.approximate), false) AS approximate
    FROM weeks w
    LEFT JOIN marts.department_signed_projects p ON p.iso_year = w.year AND p.first_reported_week <= w.week
    GROUP BY ALL
),
enterprises AS (
    SELECT w.year, w.week, count(e.uscc) AS registered_enterprises
    FROM weeks w
    LEFT JOIN marts.department_enterprises e ON e.iso_year = w.year AND e.first_reported_week <= w.week
    GROUP BY ALL
),
activities AS (
    SELECT w.year, w.week,
           CAST(coalesce(sum(a.trips), 0) AS BIGINT) AS trips,
           (SELECT count(DISTINCT place) FROM (SELECT unnest(flatten(list(a.trip_places))) AS place)) AS trip_cities,
           CAST(coalesce(sum(a.enterprises_visited), 0) AS BIGINT) AS enterprises_visited,
           CAST(coalesce(sum(a.investor_meetings), 0) AS BIGINT) AS investor_meetings,
           CAST(coalesce(sum(a.promotions), 0) AS BIGINT) AS promotions,
           coalesce(bool_or(a.approximate), false) AS approximate
    FROM weeks w
    LEFT JOIN core.department_activity_counts a ON a.year = w.year AND a.week <= w.week
    GROUP BY ALL
),
reporting AS (
    SELECT w.year, w.week, count(DISTINCT r.department_code) AS departments_reporting
    FROM weeks w
    LEFT JOIN core.department_reports r ON r.year = w.year AND r.week <= w.week
    GROUP BY ALL
)
SELECT w.year AS iso_year, w.week, c.month, c.quarter, c.half,
       coalesce(l.valuable_leads, 0) AS valuable_leads, p.signed_projects, p.yi_projects,
       p.signed_investment_yi_yuan, e.registered_enterprises, a.trips, a.trip_cities, a.enterprises_visited,
       a.investor_meetings, a.promotions, p.approximate OR a.approximate AS approximate, r.departments_reporting
FROM weeks w
LEFT JOIN leads l USING (year, week)
JOIN projects p USING (year, week)
JOIN enterprises e USING (year, week)
JOIN activities a USING (year, week)
JOIN reporting r USING (year, week)
JOIN core.iso_weeks c ON c.iso_year = w.year AND c.week = w.week
ORDER BY iso_year, week;

COMMENT ON TABLE marts.department_totals IS '全员招商全区合计（年初至每周末累计，多部门重复填报的项目、企业、线索只计一次）district year-to-date totals of department work by the end of each ISO week; a project, enterprise or lead reported by several departments counts once';
COMMENT ON COLUMN marts.department_totals.iso_year IS 'ISO年（也是本周所属月份的年份）ISO year, also the year of the week''s month';
COMMENT ON COLUMN marts.department_totals.week IS '截至ISO周 through this ISO week';
COMMENT ON COLUMN marts.department_totals.month IS '所属月份（周四所在月）calendar month the week belongs to: the month of its Thursday';
COMMENT ON COLUMN marts.department_totals.quarter IS '所属季度 calendar quarter of that month';
COMMENT ON COLUMN marts.department_totals.half IS '所属半年（1 = 上半年，2 = 下半年）half year of that month';
COMMENT ON COLUMN marts.department_totals.valuable_leads IS '有价值线索数（最新状态为在谈或已签约）distinct leads whose latest status is 在谈 or 已签约';
COMMENT ON COLUMN marts.department_totals.signed_projects IS '新签约项目数（去重）distinct signed projects';
COMMENT ON COLUMN marts.department_totals.yi_projects IS '其中亿元项目数 of which projects of at least 1亿元';
COMMENT ON COLUMN marts.department_totals.signed_investment_yi_yuan IS '签约项目总投资（亿元，去重）total investment of the distinct signed projects, 亿元';
COMMENT ON COLUMN marts.department_totals.registered_enterprises IS '新注册企业数（按统一社会信用代码去重）distinct newly registered enterprises by USCC';
COMMENT ON COLUMN marts.department_totals.trips IS '外出招商次数 外出招商 rows';
COMMENT ON COLUMN marts.department_totals.trip_cities IS '外出招商城市数 distinct places of 外出招商 trips';
COMMENT ON COLUMN marts.department_totals.enterprises_visited IS '考察对接企业数 sum of 对接企业数 over 考察对接 rows';
COMMENT ON COLUMN marts.department_totals.investor_meetings IS '会见客商次数 会见客商 rows';
COMMENT ON COLUMN marts.department_totals.promotions IS '推介活动次数 推介活动 rows';
COMMENT ON COLUMN marts.department_totals.approximate IS '是否含约数（为下限）true where a figure includes a lower bound such as 10余';
COMMENT ON COLUMN marts.department_totals.departments_reporting IS '已报送部门数 departments that have reported so far this year';
