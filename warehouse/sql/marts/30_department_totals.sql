-- District totals of department work: what two departments both reported counts once, and the lists below
-- show who reported it.

-- 签约项目（去重）: one row per project and year, with every department that reported it.
CREATE OR REPLACE TABLE marts.department_signed_projects AS
SELECT year,
       arg_max(project_name, (week, load_id)) AS project_name,
       arg_max(investor, (week, load_id)) AS investor,
       arg_max(total_investment_yi_yuan, (week, load_id)) AS total_investment_yi_yuan,
       coalesce(arg_max(total_investment_approximate, (week, load_id)), false) AS approximate,
       coalesce(arg_max(total_investment_yi_yuan, (week, load_id)) >= 1, false) AS yi_project,
       min(signed_on) AS signed_on,
       min(week) AS first_reported_week,
       list(DISTINCT d.department_name ORDER BY d.department_name) AS reported_by,
       count(DISTINCT department_code) AS reporting_departments,
       project_key
FROM core.department_project_claims
JOIN core.departments d USING (department_code)
GROUP BY year, project_key
ORDER BY year, signed_on, project_name;

COMMENT ON TABLE marts.department_signed_projects IS '部门上报的签约项目（去重，一个项目只计一次）signed projects reported by departments, one row per project and year however many departments reported it';
COMMENT ON COLUMN marts.department_signed_projects.year IS '报告期所在ISO年 ISO year of the reports';
COMMENT ON COLUMN marts.department_signed_projects.project_name IS '项目名称（最近一次填报）project name as last reported';
COMMENT ON COLUMN marts.department_signed_projects.investor IS '投资方 investor';
COMMENT ON COLUMN marts.department_signed_projects.total_investment_yi_yuan IS '总投资（亿元，最近一次填报）total investment, 亿元, as last reported';
COMMENT ON COLUMN marts.department_signed_projects.approximate IS '总投资是否为约数（下限）true when the amount is a lower bound such as 10余';
COMMENT ON COLUMN marts.department_signed_projects.yi_project IS '是否亿元项目（≥1亿元）a project of at least 1亿元';
COMMENT ON COLUMN marts.department_signed_projects.signed_on IS '签约日期 signing date';
COMMENT ON COLUMN marts.department_signed_projects.first_reported_week IS '首次填报的ISO周 ISO week of the first report that carried it';
COMMENT ON COLUMN marts.department_signed_projects.reported_by IS '填报部门 the departments that reported it';
COMMENT ON COLUMN marts.department_signed_projects.reporting_departments IS '填报部门数（>1 即多部门重复填报）number of departments that reported it';
COMMENT ON COLUMN marts.department_signed_projects.project_key IS '项目名称比对键（忽略全半角、括号、空格和“项目”）the name key projects are matched on';

-- 注册企业（去重）: one row per USCC and year, with every department that reported it.
CREATE OR REPLACE TABLE marts.department_enterprises AS
SELECT year, uscc,
       arg_max(enterprise_name, (week, load_id)) AS enterprise_name,
       min(registered_on) AS registered_on,
       arg_max(registered_capital_wan_yuan, (week, load_id)) AS registered_capital_wan_yuan,
       arg_max(industry, (week, load_id)) AS industry,
       min(week) AS first_reported_week,
       list(DISTINCT d.department_name ORDER BY d.department_name) AS reported_by,
       count(DISTINCT department_code) AS reporting_departments
FROM core.department_enterprise_claims
JOIN core.departments d USING (department_code)
GROUP BY year, uscc
ORDER BY year, registered_on, uscc;

COMMENT ON TABLE marts.department_enterprises IS '部门上报的新注册企业（按统一社会信用代码去重）newly registered enterprises reported by departments, one row per USCC and year';
COMMENT ON COLUMN marts.department_enterprises.year IS '报告期所在ISO年 ISO year of the reports';
COMMENT ON COLUMN marts.department_enterprises.uscc IS '统一社会信用代码 USCC';
COMMENT ON COLUMN marts.department_enterprises.enterprise_name IS '企业名称（最近一次填报）enterprise name as last reported';
COMMENT ON COLUMN marts.department_enterprises.registered_on IS '注册日期 registration date';
COMMENT ON COLUMN marts.department_enterprises.registered_capital_wan_yuan IS '注册资本（万元）registered capital, 万元';
COMMENT ON COLUMN marts.department_enterprises.industry IS '行业 industry';
COMMENT ON COLUMN marts.department_enterprises.first_reported_week IS '首次填报的ISO周 ISO week of the first report that carried it';
COMMENT ON COLUMN marts.department_enterprises.reported_by IS '填报部门 the departments that reported it';
COMMENT ON COLUMN marts.department_enterprises.reporting_departments IS '填报部门数 number of departments that reported it';

-- 线索（去重）: each lead's latest status in the year, whoever reported it.
CREATE OR REPLACE TABLE marts.department_leads AS
SELECT year, lead_key,
       arg_max(lead_name, (week, load_id, row_number)) AS lead_name,
       arg_max(investor, (week, load_id, row_number)) AS investor,
       arg_max(status, (week, load_id, row_number)) AS latest_status,
       arg_max(status, (week, load_id, row_number)) IN ('在谈', '已签约') AS valuable,
       arg_max(expected_investment_yi_yuan, (week, load_id, row_number)) AS expected_investment_yi_yuan,
       min(week) AS first_reported_week,
       max(week) AS last_reported_week,
       list(DISTINCT d.department_name ORDER BY d.department_name) AS reported_by
FROM core.department_lead_statuses
JOIN core.departments d USING (department_code)
GROUP BY year, lead_key
ORDER BY year, first_reported_week, lead_name;

COMMENT ON TABLE marts.department_leads IS '部门上报的招商线索（去重，取年内最新状态）investment leads reported by departments, one row per lead and year with its latest status';
COMMENT ON COLUMN marts.department_leads.year IS '报告期所在ISO年 ISO year of the reports';
COMMENT ON COLUMN marts.department_leads.lead_key IS '线索名称比对键 the name key leads are matched on';
COMMENT ON COLUMN marts.department_leads.lead_name IS '线索名称（最近一次填报）lead name as last reported';
COMMENT ON COLUMN marts.department_leads.investor IS '投资方 investor';
COMMENT ON COLUMN marts.department_leads.latest_status IS '最新状态：线索、在谈、已签约、已放弃 latest status';
COMMENT ON COLUMN marts.department_leads.valuable IS '是否有价值线索（在谈或已签约）whether the latest status is 在谈 or 已签约';
COMMENT ON COLUMN marts.department_leads.expected_investment_yi_yuan IS '预计投资额（亿元）expected investment, 亿元';
COMMENT ON COLUMN marts.department_leads.first_reported_week IS '首次填报的ISO周 first ISO week reported';
COMMENT ON COLUMN marts.department_leads.last_reported_week IS '最近填报的ISO周 last ISO week reported';
COMMENT ON COLUMN marts.department_leads.reported_by IS '填报部门 the departments that reported it';

-- 全区合计: year-to-date district figures by the end of each week, duplicates counted once.
CREATE OR REPLACE TABLE marts.department_totals AS
WITH weeks AS (SELECT DISTINCT year, week FROM core.department_weeks),
lead_latest AS (
    SELECT w.year, w.week, s.status
    FROM weeks w
    JOIN core.department_lead_statuses s ON s.year = w.year AND s.week <= w.week
    QUALIFY row_number() OVER (PARTITION BY w.year, w.week, s.lead_key
                               ORDER BY s.week DESC, s.load_id DESC, s.row_number DESC) = 1
),
leads AS (
    SELECT year, week, count(*) FILTER (WHERE status IN ('在谈', '已签约')) AS valuable_leads
    FROM lead_latest GROUP BY ALL
),
projects AS (
    SELECT w.year, w.week, count(p.project_key) AS signed_projects,
           count(p.project_key) FILTER (WHERE p.yi_project) AS yi_projects,
           CAST(coalesce(sum(p.total_investment_yi_yuan), 0) AS DECIMAL(18, 4)) AS signed_investment_yi_yuan,
           coalesce(bool_or(p.approximate), false) AS approximate
    FROM weeks w
    LEFT JOIN marts.department_signed_projects p ON p.year = w.year AND p.first_reported_week <= w.week
    GROUP BY ALL
),
enterprises AS (
    SELECT w.year, w.week, count(e.uscc) AS registered_enterprises
    FROM weeks w
    LEFT JOIN marts.department_enterprises e ON e.year = w.year AND e.first_reported_week <= w.week
    GROUP BY ALL
),
activities AS (
    SELECT w.year, w.week,
           count(a.activity_type) FILTER (WHERE a.activity_type = '外出招商') AS trips,
           count(DISTINCT a.place) FILTER (WHERE a.activity_type = '外出招商') AS trip_cities,
           CAST(coalesce(sum(a.enterprises_count) FILTER (WHERE a.activity_type = '考察对接'), 0) AS BIGINT)
               AS enterprises_visited,
           count(a.activity_type) FILTER (WHERE a.activity_type = '会见客商') AS investor_meetings,
           count(a.activity_type) FILTER (WHERE a.activity_type = '推介活动') AS promotions,
           coalesce(bool_or(a.enterprises_count_approximate)
                    FILTER (WHERE a.activity_type IN ('外出招商', '考察对接')), false) AS approximate
    FROM weeks w
    LEFT JOIN core.department_activities a ON a.report_year = w.year AND a.report_week <= w.week
    GROUP BY ALL
),
reporting AS (
    SELECT w.year, w.week, count(DISTINCT r.department_code) AS departments_reporting
    FROM weeks w
    LEFT JOIN core.department_reports r ON r.year = w.year AND r.week <= w.week
    GROUP BY ALL
)
SELECT w.year, w.week, coalesce(l.valuable_leads, 0) AS valuable_leads, p.signed_projects, p.yi_projects,
       p.signed_investment_yi_yuan, e.registered_enterprises, a.trips, a.trip_cities, a.enterprises_visited,
       a.investor_meetings, a.promotions, p.approximate OR a.approximate AS approximate, r.departments_reporting
FROM weeks w
LEFT JOIN leads l USING (year, week)
JOIN projects p USING (year, week)
JOIN enterprises e USING (year, week)
JOIN activities a USING (year, week)
JOIN reporting r USING (year, week)
ORDER BY year, week;

COMMENT ON TABLE marts.department_totals IS '全员招商全区合计（年初至每周末累计，多部门重复填报的项目、企业、线索只计一次）district year-to-date totals of department work by the end of each ISO week; a project, enterprise or lead reported by several departments counts once';
COMMENT ON COLUMN marts.department_totals.year IS 'ISO年 ISO year';
COMMENT ON COLUMN marts.department_totals.week IS '截至ISO周 through this ISO week';
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
