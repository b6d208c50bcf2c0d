-- 部门招商活动计数: each department's promotion activities counted once, by the week of the report that holds
-- them (a monthly report: the last week of its month). marts.department_weekly shows them per week and
-- marts.department_totals adds them up for the district, so the two cannot count an activity differently.
CREATE OR REPLACE TABLE core.department_activity_counts AS
SELECT department_code, report_year AS year, report_week AS week,
       count(*) FILTER (WHERE measure = 'trips') AS trips,
       list(DISTINCT place ORDER BY place) FILTER (WHERE measure = 'trips' AND place IS NOT NULL) AS trip_places,
       CAST(coalesce(sum(enterprises_count) FILTER (WHERE measure = 'trips'), 0) AS BIGINT) AS trip_enterprises,
       CAST(coalesce(sum(enterprises_count) FILTER (WHERE measure = 'enterprises_visited'), 0) AS BIGINT)
           AS enterprises_visited,
       count(*) FILTER (WHERE measure = 'investor_meetings') AS investor_meetings,
       count(*) FILTER (WHERE measure = 'promotions') AS promotions,
       coalesce(bool_or(enterprises_count_approximate)
                FILTER (WHERE measure IN ('trips', 'enterprises_visited')), false) AS approximate
FROM core.department_activities
GROUP BY ALL
ORDER BY year, week, department_code;

COMMENT ON TABLE core.department_activity_counts IS '部门招商活动计数（每部门每报告周一行）promotion activities per department and report week: the one count marts.department_weekly and marts.department_totals read';
COMMENT ON COLUMN core.department_activity_counts.department_code IS '部门代码 department code';
COMMENT ON COLUMN core.department_activity_counts.year IS 'ISO年 ISO year of the report week';
COMMENT ON COLUMN core.department_activity_counts.week IS '报告所属ISO周（月报为该月最后一周）ISO week of the report (a monthly report: the last week of its month)';
COMMENT ON COLUMN core.department_activity_counts.trips IS '外出招商次数 外出招商 rows';
COMMENT ON COLUMN core.department_activity_counts.trip_places IS '外出招商地点 distinct places of those trips';
COMMENT ON COLUMN core.department_activity_counts.trip_enterprises IS '外出招商对接企业数 enterprises met on those trips';
COMMENT ON COLUMN core.department_activity_counts.enterprises_visited IS '考察对接企业数（对接企业数之和）sum of 对接企业数 over 考察对接 rows';
COMMENT ON COLUMN core.department_activity_counts.investor_meetings IS '会见客商次数 会见客商 rows';
COMMENT ON COLUMN core.department_activity_counts.promotions IS '推介活动次数 推介活动 rows';
COMMENT ON COLUMN core.department_activity_counts.approximate IS '是否含约数（为下限）true where a count includes a lower bound such as 10余';
