-- One row per department workbook: who reported, for which period.
CREATE TABLE IF NOT EXISTS raw.dept_reports (
    load_id                BIGINT NOT NULL,
    file_name              VARCHAR NOT NULL,
    department_code        VARCHAR NOT NULL,
    department_as_written  VARCHAR NOT NULL,
    period_kind            VARCHAR NOT NULL,
    period_label           VARCHAR NOT NULL,
    year                   INTEGER NOT NULL,   -- ISO year of the report week
    week                   INTEGER NOT NULL,   -- ISO week
    period_start           DATE NOT NULL,
    period_end             DATE NOT NULL,
    reporter               VARCHAR,
    reported_on            DATE
);

CREATE TABLE IF NOT EXISTS raw.dept_leads (
    load_id BIGINT NOT NULL, file_name VARCHAR NOT NULL, sheet VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    department_code VARCHAR NOT NULL,
    lead_name VARCHAR NOT NULL,
    investor VARCHAR,
    industry VARCHAR,
    expected_investment_yi_yuan DECIMAL(18, 4),
    expected_investment_approximate BOOLEAN NOT NULL,
    origin VARCHAR,
    obtained_on DATE,
    status VARCHAR NOT NULL,
    note VARCHAR
);

CREATE TABLE IF NOT EXISTS raw.dept_signed_projects (
    load_id BIGINT NOT NULL, file_name VARCHAR NOT NULL, sheet VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    department_code VARCHAR NOT NULL,
    project_name VARCHAR NOT NULL,
    investor VARCHAR,
    total_investment_yi_yuan DECIMAL(18, 4),
    total_investment_approximate BOOLEAN NOT NULL,
    signed_on DATE,
    signing_event VARCHAR,
    six_post_leader VARCHAR,
    note VARCHAR
);

CREATE TABLE IF NOT EXISTS raw.dept_enterprises (
    load_id BIGINT NOT NULL, file_name VARCHAR NOT NULL, sheet VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    department_code VARCHAR NOT NULL,
    enterprise_name VARCHAR NOT NULL,
    uscc VARCHAR NOT NULL,
    registered_on DATE,
    registered_capital_wan_yuan DECIMAL(18, 4),
    registered_capital_approximate BOOLEAN NOT NULL,
    industry VARCHAR
);

CREATE TABLE IF NOT EXISTS raw.dept_activities (
    load_id BIGINT NOT NULL, file_name VARCHAR NOT NULL, sheet VARCHAR NOT NULL, row_number INTEGER NOT NULL,
    department_code VARCHAR NOT NULL,
    activity_date DATE,
    activity_type VARCHAR NOT NULL,
    place VARCHAR,
    enterprises_count INTEGER,
    enterprises_count_approximate BOOLEAN NOT NULL,
    leader VARCHAR,
    summary VARCHAR
);

COMMENT ON TABLE raw.dept_reports IS '部门报告（每个部门工作簿一行）one row per department workbook: who reported, for which period';
COMMENT ON COLUMN raw.dept_reports.department_code IS '部门代码 department code';
COMMENT ON COLUMN raw.dept_reports.department_as_written IS '部门原文 the department as the workbook writes it';
COMMENT ON COLUMN raw.dept_reports.period_kind IS '报告周期（week 周报，month 月报）whether the workbook reports a week or a month';
COMMENT ON COLUMN raw.dept_reports.period_label IS '报告期 the period, as 2024-W23 or 2024-05';
COMMENT ON COLUMN raw.dept_reports.year IS 'ISO年 ISO year of the week the report counts in';
COMMENT ON COLUMN raw.dept_reports.week IS 'ISO周 ISO week the report counts in (a monthly report: its month''s last week)';
COMMENT ON COLUMN raw.dept_reports.period_start IS '报告期开始 first day of the period';
COMMENT ON COLUMN raw.dept_reports.period_end IS '报告期结束 last day of the period';
COMMENT ON COLUMN raw.dept_reports.reporter IS '填报人 who filled it in';
COMMENT ON COLUMN raw.dept_reports.reported_on IS '填报日期 the date it was filled in';
COMMENT ON TABLE raw.dept_leads IS '部门上报的线索（原样读入）leads of the department workbooks, every row read';
COMMENT ON COLUMN raw.dept_leads.department_code IS '部门代码 the reporting department';
COMMENT ON COLUMN raw.dept_leads.lead_name IS '线索名称 lead (prospective project) name';
COMMENT ON COLUMN raw.dept_leads.investor IS '投资方 investor';
COMMENT ON COLUMN raw.dept_leads.industry IS '行业 industry';
COMMENT ON COLUMN raw.dept_leads.expected_investment_yi_yuan IS '预计投资（亿元）expected investment, 100 million yuan';
COMMENT ON COLUMN raw.dept_leads.expected_investment_approximate IS '预计投资为约数 the amount was written as approximate (约, 左右)';
COMMENT ON COLUMN raw.dept_leads.origin IS '线索来源 where the lead came from';
COMMENT ON COLUMN raw.dept_leads.obtained_on IS '获取日期 the date the lead was obtained';
COMMENT ON COLUMN raw.dept_leads.status IS '线索状态（线索、在谈、已签约、已放弃）lead status (core.codes lead_status)';
COMMENT ON COLUMN raw.dept_leads.note IS '备注 note';
COMMENT ON TABLE raw.dept_signed_projects IS '部门上报的签约项目（原样读入）signed projects of the department workbooks, every row read';
COMMENT ON COLUMN raw.dept_signed_projects.department_code IS '部门代码 the reporting department';
COMMENT ON COLUMN raw.dept_signed_projects.project_name IS '项目名称 project name';
COMMENT ON COLUMN raw.dept_signed_projects.investor IS '投资方 investor';
COMMENT ON COLUMN raw.dept_signed_projects.total_investment_yi_yuan IS '总投资（亿元）total investment, 100 million yuan';
COMMENT ON COLUMN raw.dept_signed_projects.total_investment_approximate IS '总投资为约数 the amount was written as approximate';
COMMENT ON COLUMN raw.dept_signed_projects.signed_on IS '签约日期 signing date';
COMMENT ON COLUMN raw.dept_signed_projects.signing_event IS '签约活动 the event at which it was signed';
COMMENT ON COLUMN raw.dept_signed_projects.six_post_leader IS '六职领导 the six-post leader the project is counted for';
COMMENT ON COLUMN raw.dept_signed_projects.note IS '备注 note';
COMMENT ON TABLE raw.dept_enterprises IS '部门上报的注册企业（原样读入）registered enterprises of the department workbooks, every row read';
COMMENT ON COLUMN raw.dept_enterprises.department_code IS '部门代码 the reporting department';
COMMENT ON COLUMN raw.dept_enterprises.enterprise_name IS '企业名称 enterprise name';
COMMENT ON COLUMN raw.dept_enterprises.uscc IS '统一社会信用代码 unified social credit code (USCC)';
COMMENT ON COLUMN raw.dept_enterprises.registered_on IS '注册日期 registration date';
COMMENT ON COLUMN raw.dept_enterprises.registered_capital_wan_yuan IS '注册资本（万元）registered capital, 10 thousand yuan';
COMMENT ON COLUMN raw.dept_enterprises.registered_capital_approximate IS '注册资本为约数 the amount was written as approximate';
COMMENT ON COLUMN raw.dept_enterprises.industry IS '行业 industry';
COMMENT ON TABLE raw.dept_activities IS '部门招商活动（原样读入）promotion activities of the department workbooks, every row read';
COMMENT ON COLUMN raw.dept_activities.department_code IS '部门代码 the reporting department';
COMMENT ON COLUMN raw.dept_activities.activity_date IS '活动日期 activity date';
COMMENT ON COLUMN raw.dept_activities.activity_type IS '活动类型（外出招商、考察对接、会见客商、推介活动）activity type (core.codes activity_type)';
COMMENT ON COLUMN raw.dept_activities.place IS '地点 place';
COMMENT ON COLUMN raw.dept_activities.enterprises_count IS '对接企业数 enterprises met';
COMMENT ON COLUMN raw.dept_activities.enterprises_count_approximate IS '企业数为约数 the count was written as approximate';
COMMENT ON COLUMN raw.dept_activities.leader IS '带队领导 the leader who led it';
COMMENT ON COLUMN raw.dept_activities.summary IS '活动内容 what was done';
