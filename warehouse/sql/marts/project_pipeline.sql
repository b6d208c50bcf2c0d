-- 项目储备与推进：one row per project, from the first lead to production, as of the as-of date (core.as_of):
-- how long it has been in its stage and when each stage was first reported. Abandoned leads are left out.
-- A project the bureau listed that its latest list no longer carries, and that nothing has mentioned since, is
-- stale: it shows when it was last heard of, and no days in stage, since silence is not time spent in a stage.
CREATE OR REPLACE TABLE marts.project_pipeline AS
WITH latest_list AS (
    SELECT arg_max(load_id, (as_of, confirmed_on, load_id)) AS load_id,
           arg_max(coalesce(confirmed_on, CAST(received_at AS DATE)), (as_of, confirmed_on, load_id)) AS listed_on
    FROM core.bureau_rounds WHERE has_projects
),
heard AS (
    SELECT k.project_id, max(k.reported_on) AS last_heard_on,
           coalesce(bool_or(k.source = 'bureau') AND NOT bool_or(k.load_id = l.load_id)
                    AND max(k.reported_on) < l.listed_on, false) AS stale
    FROM core.project_mention_keys k
    CROSS JOIN latest_list l
    GROUP BY k.project_id, l.load_id, l.listed_on
),
staged AS (
    SELECT p.*,
           CASE p.stage WHEN '线索' THEN p.lead_reported_on WHEN '在谈' THEN p.negotiating_reported_on
                        WHEN '签约' THEN p.signed_reported_on WHEN '履约' THEN p.fulfilled_reported_on
                        WHEN '开工' THEN p.started_reported_on WHEN '投产' THEN p.in_production_reported_on
           END AS stage_since
    FROM core.projects p
)
SELECT
    p.project_id,
    p.project_name,
    p.investor,
    (SELECT list(d.department_name ORDER BY d.department_code)
     FROM core.departments d WHERE list_contains(p.department_codes, d.department_code)) AS departments,
    r.department_name AS responsible_department,
    p.six_post_leader,
    p.total_investment_yi_yuan,
    core.is_yi_project(p.total_investment_yi_yuan) AS is_yi_project,
    p.stage,
    p.stage_since,
    CASE WHEN NOT h.stale THEN CAST(a.as_of - p.stage_since AS INTEGER) END AS days_in_stage,
    h.last_heard_on,
    h.stale,
    p.signed_on,
    p.fulfilled_on,
    p.started_on,
    p.in_production_on,
    p.lead_reported_on,
    p.negotiating_reported_on,
    p.signed_reported_on,
    p.fulfilled_reported_on,
    p.started_reported_on,
    p.in_production_reported_on,
    p.bureau_confirmed,
    p.batch,
    p.batch_type,
    p.provincial_status,
    p.lead_status,
    p.reported_by_department,
    p.mentions,
    a.as_of
FROM staged p
JOIN heard h USING (project_id)
CROSS JOIN core.as_of a
LEFT JOIN core.departments r ON r.department_code = p.responsible_department_code
WHERE p.stage IS NOT NULL
ORDER BY p.stage_rank DESC, p.signed_on, p.project_name;

COMMENT ON TABLE marts.project_pipeline IS '项目推进台账（线索→在谈→签约→履约→开工→投产，每个项目一行，按名称+投资方跨市商务局认定表与部门台账合并；已放弃的线索不列入，无法确定的匹配见 core.project_ambiguous_matches）project pipeline: one row per project, matched across bureau sheets and department workbooks on normalised name plus investor; abandoned leads left out, doubtful matches in core.project_ambiguous_matches';
COMMENT ON COLUMN marts.project_pipeline.project_id IS '项目编号（由规范化名称和投资方生成，每次运行不变）project id, stable across runs (from normalised name and investor)';
COMMENT ON COLUMN marts.project_pipeline.project_name IS '项目名称（优先取市商务局写法）project name, as the bureau writes it where it does';
COMMENT ON COLUMN marts.project_pipeline.investor IS '投资方 investor';
COMMENT ON COLUMN marts.project_pipeline.departments IS '涉及部门（责任单位及填报部门）departments: the bureau''s responsible department and every reporting department';
COMMENT ON COLUMN marts.project_pipeline.responsible_department IS '责任单位（市商务局认定表）responsible department as the bureau lists it';
COMMENT ON COLUMN marts.project_pipeline.six_post_leader IS '六职领导（认定表、部门台账或六职招商计划）six-post leader';
COMMENT ON COLUMN marts.project_pipeline.total_investment_yi_yuan IS '总投资（亿元；认定值优先，其次签约台账，再次线索预计投资额）total investment in 亿元';
COMMENT ON COLUMN marts.project_pipeline.is_yi_project IS '是否亿元项目（总投资≥1亿元）at least 1亿元';
COMMENT ON COLUMN marts.project_pipeline.stage IS '阶段（线索、在谈、签约、履约、开工、投产；履约及以后以市商务局认定为准）stage; 履约 and later only as the bureau confirmed';
COMMENT ON COLUMN marts.project_pipeline.stage_since IS '进入本阶段日期（首次报告本阶段或更后阶段的日期）the date the current stage was first reported';
COMMENT ON COLUMN marts.project_pipeline.days_in_stage IS '本阶段停留天数 = 判断日期 - 进入本阶段日期（已不在最新认定清单中的项目为空）days in the current stage at the as-of date; NULL for a stale project, whose silence is not time in a stage';
COMMENT ON COLUMN marts.project_pipeline.last_heard_on IS '最后一次被提及的日期（市商务局认定日期或部门填报日期）the last day any bureau list or department workbook reported the project';
COMMENT ON COLUMN marts.project_pipeline.stale IS '是否已无音讯（市商务局曾认定、最新一轮认定清单已不再列出、此后也无人提及）true when the bureau listed the project, its latest list no longer does and nothing has mentioned it since';
COMMENT ON COLUMN marts.project_pipeline.signed_on IS '签约日期 signing date';
COMMENT ON COLUMN marts.project_pipeline.fulfilled_on IS '履约认定日期（首次认定为履约或更后阶段的日期）date the bureau first confirmed 履约 or a later stage';
COMMENT ON COLUMN marts.project_pipeline.started_on IS '开工认定日期 date the bureau first confirmed 开工 or later';
COMMENT ON COLUMN marts.project_pipeline.in_production_on IS '投产认定日期 date the bureau first confirmed 投产';
COMMENT ON COLUMN marts.project_pipeline.lead_reported_on IS '首次报告日期（任何阶段）the date the project was first reported, at any stage';
COMMENT ON COLUMN marts.project_pipeline.negotiating_reported_on IS '首次报告在谈（或更后阶段）日期 first reported 在谈 or later';
COMMENT ON COLUMN marts.project_pipeline.signed_reported_on IS '首次报告签约（或更后阶段）日期 first reported 签约 or later, by a department or the bureau';
COMMENT ON COLUMN marts.project_pipeline.fulfilled_reported_on IS '首次报告履约（或更后阶段）日期 first reported 履约 or later';
COMMENT ON COLUMN marts.project_pipeline.started_reported_on IS '首次报告开工（或投产）日期 first reported 开工 or later';
COMMENT ON COLUMN marts.project_pipeline.in_production_reported_on IS '首次报告投产日期 first reported 投产';
COMMENT ON COLUMN marts.project_pipeline.bureau_confirmed IS '是否经市商务局认定（签约及以后）confirmed by the bureau at 签约 or later';
COMMENT ON COLUMN marts.project_pipeline.batch IS '三个一批期次（整数）"three batches" period as an integer';
COMMENT ON COLUMN marts.project_pipeline.batch_type IS '三个一批类型（签约一批、开工一批、投产一批）batch type, as the bureau''s list gives it';
COMMENT ON COLUMN marts.project_pipeline.provincial_status IS '省级认定状态（待认定、已认定）provincial confirmation status';
COMMENT ON COLUMN marts.project_pipeline.lead_status IS '部门台账最新线索状态 latest lead status in the department workbooks';
COMMENT ON COLUMN marts.project_pipeline.reported_by_department IS '是否有部门填报 reported by at least one department';
COMMENT ON COLUMN marts.project_pipeline.mentions IS '出现次数（认定表与部门台账的行数）rows naming this project across all files';
COMMENT ON COLUMN marts.project_pipeline.as_of IS '判断日期 the as-of date (core.as_of)';
