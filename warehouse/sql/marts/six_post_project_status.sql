-- 六职招商: the projects each of the six leadership posts planned (reference/six_post_plan.csv), and how far they
-- have got: signed, fulfilled (履约 or later), started (开工 or later), the stage of marts.project_pipeline.
CREATE OR REPLACE TABLE marts.six_post_project_status AS
WITH planned AS (
    SELECT year, leader, project_name, investor, core.name_key(project_name) AS name_key,
           core.investor_key(investor) AS investor_key
    FROM raw.ref_six_post_plan
),
-- A planned project is the project whose mentions (core.project_mention_keys) carry its name: the matching the
-- pipeline made, not a second one. Two projects of that name: the planned investor's.
matched AS (
    SELECT pl.*, k.project_id
    FROM planned pl
    LEFT JOIN (SELECT DISTINCT name_key, project_id, investor_key FROM core.project_mention_keys) k
      ON k.name_key = pl.name_key
    QUALIFY row_number() OVER (PARTITION BY pl.year, pl.leader, pl.project_name
                               ORDER BY (k.investor_key = pl.investor_key) DESC NULLS LAST, k.project_id) = 1
),
mentions AS (
    SELECT k.project_id, year(k.as_of) AS year,
           max(k.confirmed_on) FILTER (WHERE k.source = 'bureau') AS bureau_confirmed_on,
           list(DISTINCT d.department_name ORDER BY d.department_name)
               FILTER (WHERE k.source = 'department_signed') AS reported_by
    FROM core.project_mention_keys k
    LEFT JOIN core.departments d USING (department_code)
    GROUP BY ALL
)
SELECT m.year, m.leader, m.project_name, m.investor, m.project_id,
       CASE WHEN p.bureau_confirmed THEN p.stage END AS bureau_stage,
       (SELECT max(x.bureau_confirmed_on) FROM mentions x WHERE x.project_id = m.project_id) AS bureau_confirmed_on,
       p.signed_on,
       r.reported_by,
       coalesce(p.stage_rank >= 2, false) AS signed,
       coalesce(p.stage_rank >= 3, false) AS fulfilled,
       coalesce(p.stage_rank >= 4, false) AS started
FROM matched m
LEFT JOIN core.projects p USING (project_id)
LEFT JOIN mentions r ON r.project_id = m.project_id AND r.year = m.year
ORDER BY m.year, m.leader, m.project_name;

COMMENT ON TABLE marts.six_post_project_status IS '六职领导招商项目进展（每个计划项目一行）the six-post leaders'' planned projects, one row each, with how far they have got';
COMMENT ON COLUMN marts.six_post_project_status.year IS '计划年份 plan year';
COMMENT ON COLUMN marts.six_post_project_status.leader IS '六职领导（职务）the leadership post';
COMMENT ON COLUMN marts.six_post_project_status.project_name IS '项目名称 project name, as planned';
COMMENT ON COLUMN marts.six_post_project_status.investor IS '投资方 investor';
COMMENT ON COLUMN marts.six_post_project_status.project_id IS '项目编号（同 marts.project_pipeline；空 = 尚无任何报送）project id as in marts.project_pipeline, NULL when nothing has mentioned it yet';
COMMENT ON COLUMN marts.six_post_project_status.bureau_stage IS '市商务局最新认定阶段（签约、履约、开工、投产）the bureau''s latest confirmed stage';
COMMENT ON COLUMN marts.six_post_project_status.bureau_confirmed_on IS '最新认定日期 date of that confirmation';
COMMENT ON COLUMN marts.six_post_project_status.signed_on IS '签约日期 signing date';
COMMENT ON COLUMN marts.six_post_project_status.reported_by IS '报送签约的部门 departments that reported it signed';
COMMENT ON COLUMN marts.six_post_project_status.signed IS '已签约（项目推进阶段为签约或更后）signed: its stage in marts.project_pipeline is 签约 or later';
COMMENT ON COLUMN marts.six_post_project_status.fulfilled IS '已履约（认定阶段为履约、开工或投产）fulfilled: confirmed at 履约 or later';
COMMENT ON COLUMN marts.six_post_project_status.started IS '已开工（认定阶段为开工或投产）started: confirmed at 开工 or later';
