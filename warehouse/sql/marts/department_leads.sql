-- 线索（去重）: each lead's latest status in the year, whoever reported it.
CREATE OR REPLACE TABLE marts.department_leads AS
SELECT s.year AS iso_year, lead_key,
       arg_max(lead_name, (s.week, load_id, row_number)) AS lead_name,
       arg_max(investor, (s.week, load_id, row_number)) AS investor,
       arg_max(status, (s.week, load_id, row_number)) AS latest_status,
       arg_max(status, (s.week, load_id, row_number)) IN ('在谈', '已签约') AS valuable,
       arg_max(expected_investment_yi_yuan, (s.week, load_id, row_number)) AS expected_investment_yi_yuan,
       min(s.week) AS first_reported_week,
       arg_min(w.month, s.week) AS first_reported_month,
       max(s.week) AS last_reported_week,
       list(DISTINCT d.department_name ORDER BY d.department_name) AS reported_by
FROM core.department_lead_statuses s
JOIN core.departments d USING (department_code)
JOIN core.iso_weeks w ON w.iso_year = s.year AND w.week = s.week
GROUP BY s.year, lead_key
ORDER BY iso_year, first_reported_week, lead_name;

COMMENT ON TABLE marts.department_leads IS '部门上报的招商线索（去重，取年内最新状态）investment leads reported by departments, one row per lead and year with its latest status';
COMMENT ON COLUMN marts.department_leads.iso_year IS '报告期所在ISO年 ISO year of the reports';
COMMENT ON COLUMN marts.department_leads.lead_key IS '线索名称比对键 the name key leads are matched on';
COMMENT ON COLUMN marts.department_leads.lead_name IS '线索名称（最近一次填报）lead name as last reported';
COMMENT ON COLUMN marts.department_leads.investor IS '投资方 investor';
COMMENT ON COLUMN marts.department_leads.latest_status IS '最新状态（线索、在谈、已签约、已放弃）latest status';
COMMENT ON COLUMN marts.department_leads.valuable IS '是否有价值线索（在谈或已签约）whether the latest status is 在谈 or 已签约';
COMMENT ON COLUMN marts.department_leads.expected_investment_yi_yuan IS '预计投资额（亿元）expected investment, 亿元';
COMMENT ON COLUMN marts.department_leads.first_reported_week IS '首次填报的ISO周 first ISO week reported';
COMMENT ON COLUMN marts.department_leads.first_reported_month IS '首次填报所属月份 calendar month that week belongs to';
COMMENT ON COLUMN marts.department_leads.last_reported_week IS '最近填报的ISO周 last ISO week reported';
COMMENT ON COLUMN marts.department_leads.reported_by IS '填报部门 the departments that reported it';
