-- Every row that names a project, wherever it came from.
CREATE OR REPLACE TABLE core.project_mentions AS
SELECT 'bureau' AS source, p.load_id, p.file_name, p.sheet, p.row_number,
       p.project_name, p.investor, p.department_code, p.total_investment_yi_yuan AS amount_yi_yuan,
       p.signed_on, p.stage, NULL::VARCHAR AS lead_status, p.confirmed_on, p.batch, p.provincial_status,
       p.six_post_leader,
       r.as_of
FROM raw.bureau_projects p
JOIN core.bureau_rounds r USING (load_id)
UNION ALL BY NAME
SELECT 'department_signed' AS source, s.load_id, s.file_name, s.sheet, s.row_number,
       s.project_name, s.investor, s.department_code, s.total_investment_yi_yuan AS amount_yi_yuan,
       s.signed_on, '签约' AS stage, NULL AS lead_status, NULL AS confirmed_on, NULL AS batch,
       NULL AS provincial_status, s.six_post_leader, d.period_end AS as_of
FROM core.department_signed_projects s
JOIN core.department_reports d USING (load_id)
UNION ALL BY NAME
SELECT 'department_lead' AS source, x.load_id, x.file_name, x.sheet, x.row_number,
       x.lead_name AS project_name, x.investor, x.department_code,
       x.expected_investment_yi_yuan AS amount_yi_yuan, NULL AS signed_on,
       NULL AS stage, x.status AS lead_status, NULL AS confirmed_on, NULL AS batch, NULL AS provincial_status,
       NULL AS six_post_leader, d.period_end AS as_of
FROM core.department_leads x
JOIN core.department_reports d USING (load_id);
