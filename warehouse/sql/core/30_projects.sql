-- Bureau-confirmed projects (项目认定): the latest confirmation of each project name.
CREATE OR REPLACE TABLE core.bureau_projects AS
SELECT * EXCLUDE (rn) FROM (
    SELECT p.*, row_number() OVER (
        PARTITION BY p.project_name ORDER BY p.confirmed_on DESC NULLS LAST, p.load_id DESC, p.row_number DESC
    ) AS rn
    FROM raw.bureau_projects p JOIN core.active_loads USING (load_id)
) WHERE rn = 1;

-- Department reports in force (a resubmission has superseded the earlier workbook in audit.loads).
CREATE OR REPLACE TABLE core.department_reports AS
SELECT r.* FROM raw.dept_reports r JOIN core.active_loads USING (load_id);

CREATE OR REPLACE TABLE core.department_leads AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_leads x
JOIN core.department_reports r USING (load_id);

CREATE OR REPLACE TABLE core.department_signed_projects AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_signed_projects x
JOIN core.department_reports r USING (load_id);

CREATE OR REPLACE TABLE core.department_enterprises AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_enterprises x
JOIN core.department_reports r USING (load_id);

CREATE OR REPLACE TABLE core.department_activities AS
SELECT r.year AS report_year, r.week AS report_week, x.* FROM raw.dept_activities x
JOIN core.department_reports r USING (load_id);
