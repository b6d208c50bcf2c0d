-- Each lead's status as each department reported it, week by week; a lead comes back whenever it moves on.
CREATE OR REPLACE TABLE core.department_lead_statuses AS
SELECT department_code, report_year AS year, report_week AS week, core.name_key(lead_name) AS lead_key,
       lead_name, investor, status, expected_investment_yi_yuan, expected_investment_approximate,
       load_id, file_name, sheet, row_number
FROM core.department_leads;

COMMENT ON TABLE core.department_lead_statuses IS '线索状态（每部门每周每条线索一行）each lead''s status as each department reported it, week by week';
