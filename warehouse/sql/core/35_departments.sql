-- Department work (全员招商) conformed: one row per thing reported, whoever reported it, so a project or an
-- enterprise two departments claim counts once in district totals while each department keeps its credit.
-- The rows in force are core.department_* of 30_projects.sql (superseded workbooks already left out).

-- The weeks each year is ranked over: from the first to the last week any department reported in.
CREATE OR REPLACE TABLE core.department_weeks AS
SELECT d.department_code, d.department_name, w.year, w.week
FROM core.departments d
CROSS JOIN (
    SELECT year, CAST(unnest(range(min(week), max(week) + 1)) AS INTEGER) AS week
    FROM core.department_reports GROUP BY year
) w;

-- Each lead's status as each department reported it, week by week; a lead comes back whenever it moves on.
CREATE OR REPLACE TABLE core.department_lead_statuses AS
SELECT department_code, report_year AS year, report_week AS week, core.name_key(lead_name) AS lead_key,
       lead_name, investor, status, expected_investment_yi_yuan, expected_investment_approximate,
       load_id, file_name, sheet, row_number
FROM core.department_leads;

-- Each signed project once per reporting department, at the first report that carried it (weeks and years
-- are the report's: the ranking judges the week a department reported in).
CREATE OR REPLACE TABLE core.department_project_claims AS
SELECT * EXCLUDE (pick) FROM (
    SELECT department_code, report_year AS year, report_week AS week,
           core.name_key(project_name) AS project_key, project_name, investor,
           total_investment_yi_yuan, total_investment_approximate, signed_on, signing_event, six_post_leader,
           load_id, file_name, sheet, row_number,
           row_number() OVER (PARTITION BY department_code, report_year, core.name_key(project_name)
                              ORDER BY report_year, report_week, load_id, row_number) AS pick
    FROM core.department_signed_projects
) WHERE pick = 1;

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
