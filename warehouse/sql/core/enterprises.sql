CREATE OR REPLACE TABLE core.enterprises AS
SELECT row_number() OVER (ORDER BY name, uscc, customs_code) AS enterprise_id, name AS enterprise_name, aliases, uscc, customs_code
FROM raw.ref_enterprises;
