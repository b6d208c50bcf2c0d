-- Each registered enterprise (by USCC) once per reporting department, at the first report that carried it.
CREATE OR REPLACE TABLE core.department_enterprise_claims AS
SELECT * EXCLUDE (pick) FROM (
    SELECT department_code, report_year AS year, report_week AS week, uscc, enterprise_name, registered_on,
           registered_capital_wan_yuan, registered_capital_approximate, industry,
           load_id, file_name, sheet, row_number,
           row_number() OVER (PARTITION BY department_code, report_year, uscc ORDER BY report_year, report_week, load_id, row_number)
               AS pick
    FROM core.department_enterprises
) WHERE pick = 1;

COMMENT ON TABLE core.department_enterprise_claims IS '部门注册企业认领（每部门每年每个统一社会信用代码一行，取首次填报）each registered enterprise once per reporting department and year, at the first report that carried it';
COMMENT ON COLUMN core.department_enterprise_claims.year IS 'ISO年 ISO year of the week of the report';
COMMENT ON COLUMN core.department_enterprise_claims.week IS 'ISO周 ISO week of the report';
