-- 全员招商周报: each department's work week by week, with year-to-date figures and completion of its targets.
CREATE OR REPLACE TABLE marts.department_weekly AS
WITH leads AS (
    SELECT department_code, year, week, count(*) AS leads,
           count(*) FILTER (WHERE valuable) AS valuable_leads
    FROM core.department_lead_statuses GROUP BY ALL
),
projects AS (
    SELECT department_code, year, week, count(*) AS signed_projects,
           count(*) FILTER (WHERE core.is_yi_project(total_investment_yi_yuan)) AS yi_projects,
           sum(total_investment_yi_yuan) AS signed_investment_yi_yuan,
           bool_or(total_investment_approximate) AS approximate
    FROM core.department_project_claims GROUP BY ALL
),
enterprises AS (
    SELECT department_code, year, week, count(*) AS registered_enterprises
    FROM core.department_enterprise_claims GROUP BY ALL
),
reported AS (
    SELECT department_code, year, week, list(DISTINCT file_name ORDER BY file_name) AS files
    FROM core.department_reports GROUP BY ALL
),
-- A lead counts once a year for a department: valuable when the latest status it reported by then is one
-- core.codes marks valuable.
lead_latest AS (
    SELECT g.department_code, g.year, g.week, s.valuable
    FROM core.department_weeks g
    JOIN core.department_lead_statuses s
      ON s.department_code = g.department_code AND s.year = g.year AND s.week <= g.week
    QUALIFY row_number() OVER (PARTITION BY g.department_code, g.year, g.week, s.lead_key
                               ORDER BY s.week DESC, s.load_id DESC, s.row_number DESC) = 1
),
valuable_ytd AS (
    SELECT department_code, year, week, count(*) FILTER (WHERE valuable) AS valuable_leads_ytd
    FROM lead_latest GROUP BY ALL
),
weekly AS (
    SELECT g.department_code, g.department_name, g.year, g.week,
           r.files IS NOT NULL AS reported,
           coalesce(l.leads, 0) AS leads,
           coalesce(l.valuable_leads, 0) AS valuable_leads,
           coalesce(p.signed_projects, 0) AS signed_projects,
           coalesce(p.yi_projects, 0) AS yi_projects,
           CAST(coalesce(p.signed_investment_yi_yuan, 0) AS DECIMAL(18, 4)) AS signed_investment_yi_yuan,
           coalesce(e.registered_enterprises, 0) AS registered_enterprises,
           coalesce(a.trips, 0) AS trips,
           coalesce(a.trip_enterprises, 0) AS trip_enterprises,
           coalesce(a.enterprises_visited, 0) AS enterprises_visited,
           coalesce(a.investor_meetings, 0) AS investor_meetings,
           coalesce(a.promotions, 0) AS promotions,
           coalesce(p.approximate, false) OR coalesce(a.approximate, false) AS approximate,
           coalesce(v.valuable_leads_ytd, 0) AS valuable_leads_ytd,
           r.files AS source_files
    FROM core.department_weeks g
    LEFT JOIN leads l USING (department_code, year, week)
    LEFT JOIN projects p USING (department_code, year, week)
    LEFT JOIN enterprises e USING (department_code, year, week)
    LEFT JOIN core.department_activity_counts a USING (department_code, year, week)
    LEFT JOIN reported r USING (department_code, year, week)
    LEFT JOIN valuable_ytd v USING (department_code, year, week)
)
SELECT w.department_code, w.department_name, w.year AS iso_year, w.week, c.month, c.quarter, c.half,
       w.reported, w.leads, w.valuable_leads, w.signed_projects, w.yi_projects, w.signed_investment_yi_yuan,
       w.registered_enterprises, w.trips, w.trip_enterprises, w.enterprises_visited, w.investor_meetings,
       w.promotions, w.approximate,
       w.valuable_leads_ytd,
       CAST(sum(signed_projects) OVER ytd AS BIGINT) AS signed_projects_ytd,
       CAST(sum(yi_projects) OVER ytd AS BIGINT) AS yi_projects_ytd,
       CAST(sum(signed_investment_yi_yuan) OVER ytd AS DECIMAL(18, 4)) AS signed_investment_yi_yuan_ytd,
       CAST(sum(registered_enterprises) OVER ytd AS BIGINT) AS registered_enterprises_ytd,
       CAST(sum(trips) OVER ytd AS BIGINT) AS trips_ytd,
       CAST(sum(enterprises_visited) OVER ytd AS BIGINT) AS enterprises_visited_ytd,
       CAST(sum(investor_meetings) OVER ytd AS BIGINT) AS investor_meetings_ytd,
       bool_or(approximate) OVER ytd AS approximate_ytd,
       w.source_files
FROM weekly w
JOIN core.iso_weeks c ON c.iso_year = w.year AND c.week = w.week
WINDOW ytd AS (PARTITION BY w.department_code, w.year ORDER BY w.week ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY iso_year, week, department_code;

COMMENT ON TABLE marts.department_weekly IS '全员招商部门周报（每部门每ISO周一行，含年初至本周累计）department work per department and ISO week of the report, with year-to-date figures; superseded workbooks are left out, a project or enterprise counts once per department';
COMMENT ON COLUMN marts.department_weekly.department_code IS '部门代码 department code';
COMMENT ON COLUMN marts.department_weekly.department_name IS '部门名称 department name';
COMMENT ON COLUMN marts.department_weekly.iso_year IS 'ISO年（也是本周所属月份的年份）ISO year of the report week, also the year of its month';
COMMENT ON COLUMN marts.department_weekly.week IS 'ISO周（月报计入该月最后一个所属周）ISO week of the report (a monthly report: the last week belonging to its month)';
COMMENT ON COLUMN marts.department_weekly.month IS '所属月份（周四所在月）calendar month the week belongs to: the month of its Thursday';
COMMENT ON COLUMN marts.department_weekly.quarter IS '所属季度 calendar quarter of that month';
COMMENT ON COLUMN marts.department_weekly.half IS '所属半年（1 = 上半年，2 = 下半年）half year of that month';
COMMENT ON COLUMN marts.department_weekly.reported IS '本周是否报送 whether the department sent a report for this week';
COMMENT ON COLUMN marts.department_weekly.leads IS '本周填报线索条数 lead rows reported this week';
COMMENT ON COLUMN marts.department_weekly.valuable_leads IS '本周有价值线索条数（在谈、已签约）lead rows this week whose status is 在谈 or 已签约';
COMMENT ON COLUMN marts.department_weekly.signed_projects IS '本周新报签约项目数（同一部门重复填报只计一次）signed projects first reported this week';
COMMENT ON COLUMN marts.department_weekly.yi_projects IS '其中亿元项目数（总投资≥1亿元）of which projects of at least 1亿元';
COMMENT ON COLUMN marts.department_weekly.signed_investment_yi_yuan IS '新报签约项目总投资（亿元）total investment of those projects, 亿元';
COMMENT ON COLUMN marts.department_weekly.registered_enterprises IS '本周新报注册企业数（按统一社会信用代码）newly registered enterprises first reported this week, by USCC';
COMMENT ON COLUMN marts.department_weekly.trips IS '外出招商次数 外出招商 activity rows';
COMMENT ON COLUMN marts.department_weekly.trip_enterprises IS '外出招商对接企业数 enterprises met on 外出招商 trips';
COMMENT ON COLUMN marts.department_weekly.enterprises_visited IS '考察对接企业数（对接企业数之和）sum of 对接企业数 over 考察对接 rows';
COMMENT ON COLUMN marts.department_weekly.investor_meetings IS '会见客商次数 会见客商 activity rows';
COMMENT ON COLUMN marts.department_weekly.promotions IS '推介活动次数 推介活动 rows';
COMMENT ON COLUMN marts.department_weekly.approximate IS '是否含约数（如“10余”，为下限）true where a figure includes an approximate value such as 10余 and is a lower bound';
COMMENT ON COLUMN marts.department_weekly.valuable_leads_ytd IS '年初至本周有价值线索数（每条线索按截至本周最新状态计一次）distinct leads whose latest status by this week is 在谈 or 已签约';
COMMENT ON COLUMN marts.department_weekly.signed_projects_ytd IS '年初至本周签约项目数 signed projects, year to date';
COMMENT ON COLUMN marts.department_weekly.yi_projects_ytd IS '年初至本周亿元项目数 projects of at least 1亿元, year to date';
COMMENT ON COLUMN marts.department_weekly.signed_investment_yi_yuan_ytd IS '年初至本周签约投资额（亿元）signed investment year to date, 亿元';
COMMENT ON COLUMN marts.department_weekly.registered_enterprises_ytd IS '年初至本周注册企业数 registered enterprises, year to date';
COMMENT ON COLUMN marts.department_weekly.trips_ytd IS '年初至本周外出招商次数 trips, year to date';
COMMENT ON COLUMN marts.department_weekly.enterprises_visited_ytd IS '年初至本周考察对接企业数 enterprises visited, year to date';
COMMENT ON COLUMN marts.department_weekly.investor_meetings_ytd IS '年初至本周会见客商次数 investor meetings, year to date';
COMMENT ON COLUMN marts.department_weekly.approximate_ytd IS '累计数是否含约数（为下限）true where a year-to-date figure is a lower bound';
COMMENT ON COLUMN marts.department_weekly.source_files IS '本周在用的报送文件 the workbooks in force for this week';
