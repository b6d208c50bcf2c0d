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
