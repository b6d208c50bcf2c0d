CREATE OR REPLACE TABLE core.enterprises AS
SELECT row_number() OVER (ORDER BY name, uscc, customs_code) AS enterprise_id, name AS enterprise_name, aliases, uscc, customs_code
FROM raw.ref_enterprises;

COMMENT ON TABLE core.enterprises IS '企业名录（决定哪些进出口算西城区）the district''s enterprise roster (reference/enterprises.csv): it decides what counts as the district''s trade';
COMMENT ON COLUMN core.enterprises.enterprise_id IS '企业编号 enterprise id (row number by name)';
COMMENT ON COLUMN core.enterprises.enterprise_name IS '企业名称 enterprise name';
COMMENT ON COLUMN core.enterprises.aliases IS '别名 other names';
COMMENT ON COLUMN core.enterprises.uscc IS '统一社会信用代码 USCC';
COMMENT ON COLUMN core.enterprises.customs_code IS '海关编码 customs registration code';
