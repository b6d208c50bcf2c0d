-- 六职招商: the projects each of the six leadership posts planned (reference/six_post_plan.csv), and how far they
-- have got: signed (a department reported it signed or the bureau confirmed a stage), fulfilled (履约 or later),
-- started (开工 or later), by the bureau's latest confirmation of the project.
CREATE OR REPLACE TABLE marts.six_post_project_status AS
WITH bureau AS (
    SELECT core.name_key(p.project_name) AS project_key, p.stage, p.signed_on, p.confirmed_on,
           p.six_post_leader
    FROM raw.bureau_projects p
    JOIN core.active_loads USING (load_id)
    QUALIFY row_number() OVER (PARTITION BY core.name_key(p.project_name)
                               ORDER BY p.confirmed_on DESC NULLS LAST, p.load_id DESC, p.row_number DESC) = 1
),
reported AS (
    SELECT project_key, year, min(signed_on) AS signed_on, list(DISTINCT d.department_name ORDER BY d.department_name) AS reported_by
    FROM core.department_project_claims
    JOIN core.departments d USING (department_code)
    GROUP BY ALL
),
planned AS (
    SELECT year, leader, project_name, investor, core.name_key(project_name) AS project_key
    FROM raw.ref_six_post_plan
)
SELECT pl.year, pl.leader, pl.project_name, pl.investor,
       b.stage AS bureau_stage,
       b.confirmed_on AS bureau_confirmed_on,
       coalesce(r.signed_on, b.signed_on) AS signed_on,
       r.reported_by,
       r.project_key IS NOT NULL OR coalesce(b.stage IN ('签约', '履约', '开工', '投产'), false) AS signed,
       coalesce(b.stage IN ('履约', '开工', '投产'), false) AS fulfilled,
       coalesce(b.stage IN ('开工', '投产'), false) AS started
FROM planned pl
LEFT JOIN bureau b USING (project_key)
LEFT JOIN reported r ON r.project_key = pl.project_key AND r.year = pl.year
ORDER BY pl.year, pl.leader, pl.project_name;

COMMENT ON TABLE marts.six_post_project_status IS '六职领导招商项目进展（每个计划项目一行）the six-post leaders'' planned projects, one row each, with how far they have got';
COMMENT ON COLUMN marts.six_post_project_status.year IS '计划年份 plan year';
COMMENT ON COLUMN marts.six_post_project_status.leader IS '六职领导（职务）the leadership post';
COMMENT ON COLUMN marts.six_post_project_status.project_name IS '项目名称 project name, as planned';
COMMENT ON COLUMN marts.six_post_project_status.investor IS '投资方 investor';
COMMENT ON COLUMN marts.six_post_project_status.bureau_stage IS '市商务局最新认定阶段（签约、履约、开工、投产）the bureau''s latest confirmed stage';
COMMENT ON COLUMN marts.six_post_project_status.bureau_confirmed_on IS '最新认定日期 date of that confirmation';
COMMENT ON COLUMN marts.six_post_project_status.signed_on IS '签约日期 signing date';
COMMENT ON COLUMN marts.six_post_project_status.reported_by IS '报送签约的部门 departments that reported it signed';
COMMENT ON COLUMN marts.six_post_project_status.signed IS '已签约 signed (reported by a department or confirmed by the bureau)';
COMMENT ON COLUMN marts.six_post_project_status.fulfilled IS '已履约（认定阶段为履约、开工或投产）fulfilled: confirmed at 履约 or later';
COMMENT ON COLUMN marts.six_post_project_status.started IS '已开工（认定阶段为开工或投产）started: confirmed at 开工 or later';
