-- cadence.csv: how often each source is expected and how many days after its period ends (a department row
-- overrides the departments' own); trade_dismissed.csv: enterprises in customs tables a person has looked at
-- and set aside as not the district's.
CREATE TABLE IF NOT EXISTS raw.ref_cadence (source VARCHAR, department_code VARCHAR, cadence VARCHAR, due_days INTEGER);
CREATE TABLE IF NOT EXISTS raw.ref_trade_dismissed (name VARCHAR, uscc VARCHAR, customs_code VARCHAR, reason VARCHAR);
