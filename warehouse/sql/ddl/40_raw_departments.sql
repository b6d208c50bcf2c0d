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
