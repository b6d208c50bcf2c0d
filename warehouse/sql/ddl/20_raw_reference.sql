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
