-- 目标完成率: every year-to-date measure against the department's target where one is set (long form, so a
-- new target in department_targets.csv shows up without code).
CREATE OR REPLACE TABLE marts.department_completion AS
WITH measures AS (
    UNPIVOT (
        SELECT department_code, department_name, iso_year, week,
               CAST(valuable_leads_ytd AS DECIMAL(18, 4)) AS valuable_leads,
               CAST(signed_projects_ytd AS DECIMAL(18, 4)) AS signed_projects,
               CAST(yi_projects_ytd AS DECIMAL(18, 4)) AS yi_projects,
               signed_investment_yi_yuan_ytd AS signed_investment,
               CAST(registered_enterprises_ytd AS DECIMAL(18, 4)) AS registered_enterprises,
               CAST(trips_ytd AS DECIMAL(18, 4)) AS trips,
               CAST(enterprises_visited_ytd AS DECIMAL(18, 4)) AS enterprises_visited,
               CAST(investor_meetings_ytd AS DECIMAL(18, 4)) AS investor_meetings
        FROM marts.department_weekly
    ) ON COLUMNS(* EXCLUDE (department_code, department_name, iso_year, week)) INTO NAME measure VALUE actual_ytd
)
SELECT m.department_code, m.department_name, m.iso_year, m.week, c.month, c.quarter, c.half, m.measure,
       m.actual_ytd, t.target,
       CAST(core.divide(m.actual_ytd, t.target, 0.0001) AS DECIMAL(9, 4)) AS completion_rate,
       -- 时间进度 by weeks: the share of the year's 52 weeks gone by the end of this one.
       CAST(core.divide(least(m.week, 52), 52, 0.0001) AS DECIMAL(9, 4)) AS time_progress,
       -- (actual / target - week / 52) x 100, from the unrounded ratios: 100 (52 actual - week target) / (52 target).
       CAST(core.divide(100 * (m.actual_ytd * 52 - least(m.week, 52) * t.target), 52 * t.target, 0.01)
            AS DECIMAL(9, 2)) AS gap_pp
FROM measures m
JOIN core.iso_weeks c ON c.iso_year = m.iso_year AND c.week = m.week
LEFT JOIN raw.ref_department_targets t
  ON t.year = m.iso_year AND t.department_code = m.department_code AND t.metric = m.measure
ORDER BY m.iso_year, m.week, m.department_code, m.measure;

COMMENT ON TABLE marts.department_completion IS '全员招商目标完成情况（每部门每周每项指标一行，年初至本周累计）department year-to-date figures against their annual targets, one row per department, ISO week and measure';
COMMENT ON COLUMN marts.department_completion.department_code IS '部门代码 department code';
COMMENT ON COLUMN marts.department_completion.department_name IS '部门名称 department name';
COMMENT ON COLUMN marts.department_completion.iso_year IS 'ISO年（也是本周所属月份的年份）ISO year, also the year of the week''s month';
COMMENT ON COLUMN marts.department_completion.week IS 'ISO周 ISO week';
COMMENT ON COLUMN marts.department_completion.month IS '所属月份（周四所在月）calendar month the week belongs to: the month of its Thursday';
COMMENT ON COLUMN marts.department_completion.quarter IS '所属季度 calendar quarter of that month';
COMMENT ON COLUMN marts.department_completion.half IS '所属半年（1 = 上半年，2 = 下半年）half year of that month';
COMMENT ON COLUMN marts.department_completion.measure IS '指标（valuable_leads 有价值线索, signed_projects 签约项目, yi_projects 亿元项目, signed_investment 签约投资额（亿元）, registered_enterprises 注册企业, trips 外出招商, enterprises_visited 考察对接企业, investor_meetings 会见客商）measure; labels in core.codes: department_measure';
COMMENT ON COLUMN marts.department_completion.actual_ytd IS '年初至本周完成值 year-to-date actual';
COMMENT ON COLUMN marts.department_completion.target IS '全年目标（未设为空）annual target of the department, NULL when none is set';
COMMENT ON COLUMN marts.department_completion.completion_rate IS '完成率 = 完成值 / 目标（小数）completion rate as a fraction';
COMMENT ON COLUMN marts.department_completion.time_progress IS '时间进度 = 周次 / 52（小数）time progress as a fraction';
COMMENT ON COLUMN marts.department_completion.gap_pp IS '完成率与时间进度之差（百分点）(completion_rate - time_progress) x 100';
