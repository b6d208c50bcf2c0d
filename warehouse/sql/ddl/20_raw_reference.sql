-- Reference data is replaced whole on every run from <ZHAOSHANG_HOME>/reference.
CREATE TABLE IF NOT EXISTS raw.ref_departments (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, aliases VARCHAR[]);
CREATE TABLE IF NOT EXISTS raw.ref_enterprises (
    name VARCHAR NOT NULL, aliases VARCHAR[], uscc VARCHAR, customs_code VARCHAR
);
CREATE TABLE IF NOT EXISTS raw.ref_metrics (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, unit VARCHAR NOT NULL, aliases VARCHAR[]);
CREATE TABLE IF NOT EXISTS raw.ref_targets (year INTEGER, metric_code VARCHAR, target DECIMAL(18, 4));
CREATE TABLE IF NOT EXISTS raw.ref_department_targets (
    year INTEGER, department_code VARCHAR, metric VARCHAR, target DECIMAL(18, 4)
);
CREATE TABLE IF NOT EXISTS raw.ref_fx_rates (year INTEGER, month INTEGER, usd_cny DECIMAL(10, 4));
CREATE TABLE IF NOT EXISTS raw.ref_ranking_weights (measure VARCHAR, weight DECIMAL(9, 4), cap DECIMAL(9, 4));
CREATE TABLE IF NOT EXISTS raw.ref_settings (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS raw.ref_six_post_plan (year INTEGER, leader VARCHAR, project_name VARCHAR, investor VARCHAR);

COMMENT ON TABLE raw.ref_departments IS '部门名单（reference/departments.csv）every department, as the reference file lists it';
COMMENT ON COLUMN raw.ref_departments.code IS '部门代码 department code, letters and digits (D01)';
COMMENT ON COLUMN raw.ref_departments.name IS '部门名称 department name';
COMMENT ON COLUMN raw.ref_departments.aliases IS '部门别名 other names the department is written under';
COMMENT ON TABLE raw.ref_enterprises IS '企业名录（reference/enterprises.csv）the district''s enterprise roster: it decides what counts as the district''s trade';
COMMENT ON COLUMN raw.ref_enterprises.name IS '企业名称 enterprise name';
COMMENT ON COLUMN raw.ref_enterprises.aliases IS '企业别名 other names the enterprise is written under';
COMMENT ON COLUMN raw.ref_enterprises.uscc IS '统一社会信用代码 unified social credit code (USCC), may be blank';
COMMENT ON COLUMN raw.ref_enterprises.customs_code IS '海关编码（10位）customs registration code, may be blank';
COMMENT ON TABLE raw.ref_metrics IS '市定目标指标（reference/metrics.csv）the city-target metrics, their units and the names the bureau writes them under';
COMMENT ON COLUMN raw.ref_metrics.code IS '指标代码 metric code';
COMMENT ON COLUMN raw.ref_metrics.name IS '指标名称 metric name';
COMMENT ON COLUMN raw.ref_metrics.unit IS '单位 the metric''s unit (个, 亿元, 万元, 万美元)';
COMMENT ON COLUMN raw.ref_metrics.aliases IS '指标别名 other names the bureau writes the metric under';
COMMENT ON TABLE raw.ref_targets IS '市定目标（reference/targets.csv）the city''s annual target per metric';
COMMENT ON COLUMN raw.ref_targets.year IS '年份 year';
COMMENT ON COLUMN raw.ref_targets.metric_code IS '指标代码 metric code (ref_metrics.code)';
COMMENT ON COLUMN raw.ref_targets.target IS '全年目标（指标单位）annual target, in the metric''s unit';
COMMENT ON TABLE raw.ref_department_targets IS '部门全员招商目标（reference/department_targets.csv）each department''s annual target per measure';
COMMENT ON COLUMN raw.ref_department_targets.year IS '年份 year';
COMMENT ON COLUMN raw.ref_department_targets.department_code IS '部门代码 department code';
COMMENT ON COLUMN raw.ref_department_targets.metric IS '考核指标（valuable_leads、signed_projects 等）the measure the target is for';
COMMENT ON COLUMN raw.ref_department_targets.target IS '全年目标 annual target, in the measure''s unit';
COMMENT ON TABLE raw.ref_fx_rates IS '美元汇率（reference/fx_rates.csv）monthly USD/CNY rates for amounts written in 美元 and 千美元';
COMMENT ON COLUMN raw.ref_fx_rates.year IS '年份 year';
COMMENT ON COLUMN raw.ref_fx_rates.month IS '月份 month';
COMMENT ON COLUMN raw.ref_fx_rates.usd_cny IS '美元兑人民币汇率 yuan per US dollar';
COMMENT ON TABLE raw.ref_ranking_weights IS '排序权重（reference/ranking.yaml 的 weights、caps）the weight and cap of each measure in the weekly ranking score';
COMMENT ON COLUMN raw.ref_ranking_weights.measure IS '考核指标 the measure';
COMMENT ON COLUMN raw.ref_ranking_weights.weight IS '权重 weight in the score';
COMMENT ON COLUMN raw.ref_ranking_weights.cap IS '封顶完成率（空 = 不封顶）the completion rate the measure counts at most, NULL for none';
COMMENT ON TABLE raw.ref_settings IS '设置（reference/*.yaml 的单项设置，如 calendar.as_of）single settings of the yaml reference files, one row per group.key';
COMMENT ON COLUMN raw.ref_settings.key IS '设置项（组.键）setting, as group.key (calendar.as_of)';
COMMENT ON COLUMN raw.ref_settings.value IS '设置值（文本）the value as text';
COMMENT ON TABLE raw.ref_six_post_plan IS '六职招商计划（reference/six_post_plan.csv）the six-post leaders'' planned projects';
COMMENT ON COLUMN raw.ref_six_post_plan.year IS '年份 year';
COMMENT ON COLUMN raw.ref_six_post_plan.leader IS '六职领导 the leader''s post';
COMMENT ON COLUMN raw.ref_six_post_plan.project_name IS '计划项目名称 planned project name';
COMMENT ON COLUMN raw.ref_six_post_plan.investor IS '投资方（可空）investor, may be blank';
