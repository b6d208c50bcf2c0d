-- 注册企业（去重）: one row per USCC and year, with every department that reported it.
CREATE OR REPLACE TABLE marts.department_enterprises AS
SELECT c.year AS iso_year, uscc,
       arg_max(enterprise_name, (c.week, load_id)) AS enterprise_name,
       min(registered_on) AS registered_on,
       arg_max(registered_capital_wan_yuan, (c.week, load_id)) AS registered_capital_wan_yuan,
       arg_max(industry, (c.week, load_id)) AS industry,
       min(c.week) AS first_reported_week,
       arg_min(w.month, c.week) AS first_reported_month,
       list(DISTINCT d.department_name ORDER BY d.department_name) AS reported_by,
       count(DISTINCT department_code) AS reporting_departments
FROM core.department_enterprise_claims c
JOIN core.departments d USING (department_code)
JOIN core.iso_weeks w ON w.iso_year = c.year AND w.week = c.week
GROUP BY c.year, uscc
ORDER BY iso_year, registered_on, uscc;

COMMENT ON TABLE marts.department_enterprises IS '部门上报的新注册企业（按统一社会信用代码去重）newly registered enterprises reported by departments, one row per USCC and year';
COMMENT ON COLUMN marts.department_enterprises.iso_year IS '报告期所在ISO年 ISO year of the reports';
COMMENT ON COLUMN marts.department_enterprises.uscc IS '统一社会信用代码 USCC';
COMMENT ON COLUMN marts.department_enterprises.enterprise_name IS '企业名称（最近一次填报）enterprise name as last reported';
COMMENT ON COLUMN marts.department_enterprises.registered_on IS '注册日期 registration date';
COMMENT ON COLUMN marts.department_enterprises.registered_capital_wan_yuan IS '注册资本（万元）registered capital, 万元';
COMMENT ON COLUMN marts.department_enterprises.industry IS '行业 industry';
COMMENT ON COLUMN marts.department_enterprises.first_reported_week IS '首次填报的ISO周 ISO week of the first report that carried it';
COMMENT ON COLUMN marts.department_enterprises.first_reported_month IS '首次填报所属月份 calendar month that week belongs to';
COMMENT ON COLUMN marts.department_enterprises.reported_by IS '填报部门 the departments that reported it';
COMMENT ON COLUMN marts.department_enterprises.reporting_departments IS '填报部门数 number of departments that reported it';
