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

COMMENT ON TABLE core.department_project_claims IS '部门签约项目认领（每部门每年每个项目一行，取首次填报）each signed project once per reporting department and year, at the first report that carried it';
COMMENT ON COLUMN core.department_project_claims.year IS 'ISO年 ISO year of the week of the report';
COMMENT ON COLUMN core.department_project_claims.week IS 'ISO周 ISO week of the report';
COMMENT ON COLUMN core.department_project_claims.project_key IS '项目比对键（core.name_key）the project name''s comparison key';
