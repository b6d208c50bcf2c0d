-- Each lead's status as each department reported it, week by week; a lead comes back whenever it moves on. Whether
-- the status makes it a valuable lead is the code list's word (core.codes).
CREATE OR REPLACE TABLE core.department_lead_statuses AS
SELECT department_code, report_year AS year, report_week AS week, core.name_key(lead_name) AS lead_key,
       lead_name, investor, status, coalesce(c.valuable, false) AS valuable, expected_investment_yi_yuan,
       expected_investment_approximate, load_id, file_name, sheet, row_number
FROM core.department_leads
LEFT JOIN core.codes c ON c.list = 'lead_status' AND c.value = status;

COMMENT ON TABLE core.department_lead_statuses IS '线索状态（每部门每周每条线索一行）each lead''s status as each department reported it, week by week';
COMMENT ON COLUMN core.department_lead_statuses.valuable IS '有价值线索 whether the status counts as a valuable lead (core.codes)';
COMMENT ON COLUMN core.department_lead_statuses.year IS 'ISO年 ISO year of the week of the report';
COMMENT ON COLUMN core.department_lead_statuses.week IS 'ISO周 ISO week of the report';
COMMENT ON COLUMN core.department_lead_statuses.lead_key IS '线索比对键（core.name_key）the lead name''s comparison key: brackets, spaces and full-width forms do not make two names';
