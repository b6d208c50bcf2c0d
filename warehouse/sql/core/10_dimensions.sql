-- Only files whose load is in force count: a superseded or rejected load keeps its rows for the audit trail.
CREATE OR REPLACE VIEW core.active_loads AS
SELECT load_id, source, file_name, loaded_at FROM audit.loads WHERE status = 'loaded';

CREATE OR REPLACE TABLE core.departments AS
SELECT code AS department_code, name AS department_name, aliases FROM raw.ref_departments;

CREATE OR REPLACE TABLE core.enterprises AS
SELECT row_number() OVER (ORDER BY name) AS enterprise_id, name AS enterprise_name, aliases, uscc, customs_code
FROM raw.ref_enterprises;

CREATE OR REPLACE TABLE core.metrics AS
SELECT code AS metric_code, name AS metric_name, unit, aliases FROM raw.ref_metrics;

CREATE OR REPLACE TABLE core.targets AS
SELECT year, metric_code, target FROM raw.ref_targets;

CREATE OR REPLACE TABLE core.fx_rates AS
SELECT year, month, usd_cny FROM raw.ref_fx_rates;
