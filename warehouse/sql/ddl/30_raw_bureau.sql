-- 指标认定: one row per confirmed (or estimated) year-to-date figure, value in the metric's own unit.
CREATE TABLE IF NOT EXISTS raw.bureau_kpi (
    load_id          BIGINT NOT NULL,
    file_name        VARCHAR NOT NULL,
    sheet            VARCHAR NOT NULL,
    row_number       INTEGER NOT NULL,
    metric_as_written VARCHAR NOT NULL,
    metric_code      VARCHAR NOT NULL,
    year             INTEGER NOT NULL,
    month_from       INTEGER NOT NULL,
    month_to         INTEGER NOT NULL,
    value            DECIMAL(18, 4) NOT NULL,
    unit             VARCHAR NOT NULL,
    value_as_written VARCHAR,
    unit_as_written  VARCHAR,
    basis            VARCHAR NOT NULL,   -- confirmed | estimated
    confirmed_on     DATE
);

-- 项目认定
CREATE TABLE IF NOT EXISTS raw.bureau_projects (
    load_id                   BIGINT NOT NULL,
    file_name                 VARCHAR NOT NULL,
    sheet                     VARCHAR NOT NULL,
    row_number                INTEGER NOT NULL,
    project_name              VARCHAR NOT NULL,
    investor                  VARCHAR,
    total_investment_yi_yuan  DECIMAL(18, 4),
    signed_on                 DATE,
    stage                     VARCHAR,
    confirmed_on              DATE,
    batch                     INTEGER,
    provincial_status         VARCHAR,
    department_as_written     VARCHAR,
    department_code           VARCHAR,
    six_post_leader           VARCHAR,
    note                      VARCHAR
);

COMMENT ON TABLE raw.bureau_kpi IS '市商务局指标认定（原样读入）the bureau''s confirmed and estimated year-to-date figures, every line read';
COMMENT ON COLUMN raw.bureau_kpi.metric_as_written IS '指标原文 the metric as the file writes it';
COMMENT ON COLUMN raw.bureau_kpi.metric_code IS '指标代码 metric code it stands for (ref_metrics)';
COMMENT ON COLUMN raw.bureau_kpi.year IS '年份 year';
COMMENT ON COLUMN raw.bureau_kpi.month_from IS '起始月份 first month of the period';
COMMENT ON COLUMN raw.bureau_kpi.month_to IS '截至月份 last month of the period';
COMMENT ON COLUMN raw.bureau_kpi.value IS '数值（指标单位）the figure, converted to the metric''s unit';
COMMENT ON COLUMN raw.bureau_kpi.unit IS '单位 the metric''s unit';
COMMENT ON COLUMN raw.bureau_kpi.value_as_written IS '数值原文 the figure as written';
COMMENT ON COLUMN raw.bureau_kpi.unit_as_written IS '单位原文 the unit as written';
COMMENT ON COLUMN raw.bureau_kpi.basis IS '口径（confirmed 认定，estimated 预计）basis';
COMMENT ON COLUMN raw.bureau_kpi.confirmed_on IS '认定日期 the date the bureau confirmed the round';
COMMENT ON TABLE raw.bureau_projects IS '市商务局项目认定（原样读入）the bureau''s confirmed project lists, every line read';
COMMENT ON COLUMN raw.bureau_projects.project_name IS '项目名称 project name';
COMMENT ON COLUMN raw.bureau_projects.investor IS '投资方 investor';
COMMENT ON COLUMN raw.bureau_projects.total_investment_yi_yuan IS '总投资（亿元）total investment, 100 million yuan';
COMMENT ON COLUMN raw.bureau_projects.signed_on IS '签约日期 signing date';
COMMENT ON COLUMN raw.bureau_projects.stage IS '项目阶段（签约、履约、开工、投产）project stage the bureau confirms';
COMMENT ON COLUMN raw.bureau_projects.confirmed_on IS '认定日期 the date the bureau confirmed the list';
COMMENT ON COLUMN raw.bureau_projects.batch IS '三个一批期次 the 三个一批 batch number';
COMMENT ON COLUMN raw.bureau_projects.provincial_status IS '省级认定状态（待认定、已认定）provincial confirmation status';
COMMENT ON COLUMN raw.bureau_projects.department_as_written IS '责任部门原文 the responsible department as written';
COMMENT ON COLUMN raw.bureau_projects.department_code IS '责任部门代码 the responsible department''s code';
COMMENT ON COLUMN raw.bureau_projects.six_post_leader IS '六职领导 the six-post leader the project is counted for';
COMMENT ON COLUMN raw.bureau_projects.note IS '备注 note';
