-- District totals of department work: what two departments both reported counts once, and the lists below
-- show who reported it.

-- 签约项目（去重）: one row per project and year, with every department that reported it.
CREATE OR REPLACE TABLE marts.department_signed_projects AS
SELECT c.year AS iso_year,
       arg_max(project_name, (c.week, load_id)) AS project_name,
       arg_max(investor, (c.week, load_id)) AS investor,
       arg_max(total_investment_yi_yuan, (c.week, load_id)) AS total_investment_yi_yuan,
       coalesce(arg_max(total_investment_approximate, (c.week, load_id)), false) AS approximate,
       core.is_yi_project(arg_max(total_investment_yi_yuan, (c.week, load_id))) AS yi_project,
       min(signed_on) AS signed_on,
       min(c.week) AS first_reported_week,
       arg_min(w.month, c.week) AS first_reported_month,
       list(DISTINCT d.department_name ORDER BY d.department_name) AS reported_by,
       count(DISTINCT department_code) AS reporting_departments,
       project_key
FROM core.department_project_claims c
JOIN core.departments d USING (department_code)
JOIN core.iso_weeks w ON w.iso_year = c.year AND w.week = c.week
GROUP BY c.year, project_key
ORDER BY iso_year, signed_on, project_name;

COMMENT ON TABLE marts.department_signed_projects IS '部门上报的签约项目（去重，一个项目只计一次）signed projects reported by departments, one row per project and year however many departments reported it';
COMMENT ON COLUMN marts.department_signed_projects.iso_year IS '报告期所在ISO年 ISO year of the reports';
COMMENT ON COLUMN marts.department_signed_projects.project_name IS '项目名称（最近一次填报）project name as last reported';
COMMENT ON COLUMN marts.department_signed_projects.investor IS '投资方 investor';
COMMENT ON COLUMN marts.department_signed_projects.total_investment_yi_yuan IS '总投资（亿元，最近一次填报）total investment, 亿元, as last reported';
COMMENT ON COLUMN marts.department_signed_projects.approximate IS '总投资是否为约数（下限）true when the amount is a lower bound such as 10余';
COMMENT ON COLUMN marts.department_signed_projects.yi_project IS '是否亿元项目（≥1亿元）a project of at least 1亿元';
COMMENT ON COLUMN marts.department_signed_projects.signed_on IS '签约日期 signing date';
COMMENT ON COLUMN marts.department_signed_projects.first_reported_week IS '首次填报的ISO周 ISO week of the first report that carried it';
COMMENT ON COLUMN marts.department_signed_projects.first_reported_month IS '首次填报所属月份 calendar month that week belongs to';
COMMENT ON COLUMN marts.department_signed_projects.reported_by IS '填报部门 the departments that reported it';
COMMENT ON COLUMN marts.department_signed_projects.reporting_departments IS '填报部门数（>1 即多部门重复填报）number of departments that reported it';
COMMENT ON COLUMN marts.department_signed_projects.project_key IS '项目名称比对键（忽略全半角、括号、空格和“项目”）the name key projects are matched on';
