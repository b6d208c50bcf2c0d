-- One row per project: the bureau's word first, then the departments' signed ledgers, then their leads.
CREATE OR REPLACE TABLE core.projects AS
WITH m AS (
    SELECT *, CASE source WHEN 'bureau' THEN 1 WHEN 'department_signed' THEN 2 ELSE 3 END AS trust
    FROM core.project_mention_keys
),
bureau_stages AS (
    SELECT project_id,
           max(stage_rank) AS bureau_rank,
           min(confirmed_on) FILTER (WHERE stage_rank >= 2) AS bureau_signed_on,
           min(confirmed_on) FILTER (WHERE stage_rank >= 3) AS fulfilled_on,
           min(confirmed_on) FILTER (WHERE stage_rank >= 4) AS started_on,
           min(confirmed_on) FILTER (WHERE stage_rank >= 5) AS in_production_on,
           min(as_of) FILTER (WHERE stage_rank >= 3) AS fulfilled_as_of,
           min(as_of) FILTER (WHERE stage_rank >= 4) AS started_as_of,
           min(as_of) FILTER (WHERE stage_rank >= 5) AS in_production_as_of,
           min(as_of) AS first_listed_as_of,
           arg_max(batch, (confirmed_on, load_id, row_number)) FILTER (WHERE batch IS NOT NULL) AS batch,
           arg_max(batch_type, (confirmed_on, load_id, row_number)) FILTER (WHERE batch_type IS NOT NULL)
               AS batch_type,
           arg_max(provincial_status, (confirmed_on, load_id, row_number))
               FILTER (WHERE provincial_status IS NOT NULL) AS provincial_status,
           arg_max(department_code, (confirmed_on, load_id, row_number))
               FILTER (WHERE department_code IS NOT NULL) AS responsible_department_code
    FROM m WHERE source = 'bureau' GROUP BY project_id
),
latest_lead AS (
    SELECT project_id, arg_max(lead_status, (as_of, load_id, row_number)) AS lead_status,
           -- The latest report's stage, NULL included: an abandoned lead (已放弃) has none and leaves the pipeline.
           arg_max_null(reported_stage, (as_of, load_id, row_number)) AS lead_stage
    FROM m WHERE source = 'department_lead' GROUP BY project_id
),
described AS (
    SELECT project_id,
           arg_min(name_key, trust) AS name_key,
           arg_max(project_name, (-trust, as_of, load_id, row_number)) AS project_name,
           arg_max(investor, (-trust, as_of, load_id, row_number)) FILTER (WHERE investor IS NOT NULL) AS investor,
           arg_max(amount_yi_yuan, (-trust, as_of, load_id, row_number))
               FILTER (WHERE amount_yi_yuan IS NOT NULL) AS total_investment_yi_yuan,
           arg_max(six_post_leader, (-trust, as_of, load_id, row_number))
               FILTER (WHERE six_post_leader IS NOT NULL) AS six_post_leader,
           arg_max(signed_on, (confirmed_on, load_id, row_number))
               FILTER (WHERE source = 'bureau' AND signed_on IS NOT NULL) AS bureau_signing_date,
           min(signed_on) FILTER (WHERE source = 'department_signed') AS department_signing_date,
           list(DISTINCT department_code ORDER BY department_code)
               FILTER (WHERE source <> 'bureau' AND department_code IS NOT NULL) AS reporting_department_codes,
           list(DISTINCT department_code ORDER BY department_code)
               FILTER (WHERE department_code IS NOT NULL) AS department_codes,
           -- The first date any source reported the stage or a later one: stages only move forward here.
           min(reported_on) FILTER (WHERE reported_stage_rank >= 0) AS lead_reported_on,
           min(reported_on) FILTER (WHERE reported_stage_rank >= 1) AS negotiating_reported_on,
           min(reported_on) FILTER (WHERE reported_stage_rank >= 2) AS signed_reported_on,
           min(reported_on) FILTER (WHERE reported_stage_rank >= 3) AS fulfilled_reported_on,
           min(reported_on) FILTER (WHERE reported_stage_rank >= 4) AS started_reported_on,
           min(reported_on) FILTER (WHERE reported_stage_rank >= 5) AS in_production_reported_on,
           bool_or(source = 'bureau') AS listed_by_bureau,
           bool_or(source = 'department_signed') AS reported_signed_by_department,
           bool_or(source <> 'bureau') AS reported_by_department,
           count(*) AS mentions
    FROM m GROUP BY project_id
),
planned AS (
    SELECT DISTINCT d.project_id, s.leader
    FROM described d
    JOIN raw.ref_six_post_plan s ON core.name_key(s.project_name) = d.name_key
),
assembled AS (
    SELECT d.project_id, d.name_key, d.project_name, d.investor,
           d.department_codes, d.reporting_department_codes, b.responsible_department_code,
           coalesce(d.six_post_leader, p.leader) AS six_post_leader,
           d.total_investment_yi_yuan,
           coalesce(d.bureau_signing_date, d.department_signing_date) AS signed_on,
           b.fulfilled_on, b.started_on, b.in_production_on,
           coalesce(b.bureau_rank >= 2, false) AS bureau_confirmed,
           b.batch, b.batch_type, b.provincial_status, l.lead_status,
           CASE
               WHEN b.bureau_rank >= 2 THEN confirmed.value
               WHEN d.reported_signed_by_department OR l.lead_stage = '签约'
                    OR coalesce(d.bureau_signing_date, d.department_signing_date) IS NOT NULL THEN '签约'
               WHEN l.lead_stage IS NOT NULL THEN l.lead_stage
               WHEN d.listed_by_bureau THEN '在谈'  -- planned by the bureau (三个一批 拟签约), not signed yet
           END AS stage,
           -- For the month-by-month funnel: the end of the period in which each stage was first known.
           b.fulfilled_as_of, b.started_as_of, b.in_production_as_of, b.first_listed_as_of,
           d.lead_reported_on, d.negotiating_reported_on, d.signed_reported_on, d.fulfilled_reported_on,
           d.started_reported_on, d.in_production_reported_on,
           d.listed_by_bureau, d.reported_signed_by_department, d.reported_by_department, d.mentions
    FROM described d
    LEFT JOIN bureau_stages b USING (project_id)
    LEFT JOIN core.codes confirmed ON confirmed.list = 'project_stage' AND confirmed.rank = b.bureau_rank
    LEFT JOIN latest_lead l USING (project_id)
    LEFT JOIN (SELECT project_id, min(leader) AS leader FROM planned GROUP BY project_id) p USING (project_id)
)
SELECT a.*, s.rank AS stage_rank
FROM assembled a
LEFT JOIN core.codes s ON s.list = 'project_stage' AND s.value = a.stage;

COMMENT ON TABLE core.projects IS '项目（每个项目一行，跨认定表和部门台账合并）one row per project across bureau sheets and department workbooks; marts.project_pipeline is its view for people';
COMMENT ON COLUMN core.projects.project_id IS '项目编号 project id';
COMMENT ON COLUMN core.projects.name_key IS '名称比对键 name key';
COMMENT ON COLUMN core.projects.project_name IS '项目名称 project name';
COMMENT ON COLUMN core.projects.investor IS '投资方 investor';
COMMENT ON COLUMN core.projects.department_codes IS '涉及部门代码 departments involved';
COMMENT ON COLUMN core.projects.reporting_department_codes IS '填报部门代码 reporting departments';
COMMENT ON COLUMN core.projects.responsible_department_code IS '责任单位代码 responsible department';
COMMENT ON COLUMN core.projects.six_post_leader IS '六职领导 six-post leader';
COMMENT ON COLUMN core.projects.total_investment_yi_yuan IS '总投资（亿元）total investment, 亿元';
COMMENT ON COLUMN core.projects.signed_on IS '签约日期 signing date';
COMMENT ON COLUMN core.projects.fulfilled_on IS '履约认定日期 first confirmed 履约 or later';
COMMENT ON COLUMN core.projects.started_on IS '开工认定日期 first confirmed 开工 or later';
COMMENT ON COLUMN core.projects.in_production_on IS '投产认定日期 first confirmed 投产';
COMMENT ON COLUMN core.projects.bureau_confirmed IS '是否经认定 confirmed by the bureau at 签约 or later';
COMMENT ON COLUMN core.projects.batch IS '三个一批期次 batch';
COMMENT ON COLUMN core.projects.batch_type IS '三个一批类型 batch type';
COMMENT ON COLUMN core.projects.provincial_status IS '省级认定状态 provincial status';
COMMENT ON COLUMN core.projects.lead_status IS '最新线索状态 latest lead status';
COMMENT ON COLUMN core.projects.stage IS '阶段 stage';
COMMENT ON COLUMN core.projects.fulfilled_as_of IS '履约所属期末 end of the period in which 履约 was first confirmed';
COMMENT ON COLUMN core.projects.started_as_of IS '开工所属期末 end of the period in which 开工 was first confirmed';
COMMENT ON COLUMN core.projects.in_production_as_of IS '投产所属期末 end of the period in which 投产 was first confirmed';
COMMENT ON COLUMN core.projects.first_listed_as_of IS '首次列入认定表的期末 end of the period of the first bureau listing';
COMMENT ON COLUMN core.projects.lead_reported_on IS '首次报告日期 first reported at any stage';
COMMENT ON COLUMN core.projects.negotiating_reported_on IS '首次报告在谈日期 first reported 在谈 or later';
COMMENT ON COLUMN core.projects.signed_reported_on IS '首次报告签约日期 first reported 签约 or later';
COMMENT ON COLUMN core.projects.fulfilled_reported_on IS '首次报告履约日期 first reported 履约 or later';
COMMENT ON COLUMN core.projects.started_reported_on IS '首次报告开工日期 first reported 开工 or later';
COMMENT ON COLUMN core.projects.in_production_reported_on IS '首次报告投产日期 first reported 投产';
COMMENT ON COLUMN core.projects.listed_by_bureau IS '是否列入认定表 listed by the bureau';
COMMENT ON COLUMN core.projects.reported_signed_by_department IS '部门是否报签约 reported signed by a department';
COMMENT ON COLUMN core.projects.reported_by_department IS '是否有部门填报 reported by a department';
COMMENT ON COLUMN core.projects.mentions IS '出现次数 rows naming it';
COMMENT ON COLUMN core.projects.stage_rank IS '阶段次序（0线索…5投产）order of the stage (core.codes)';
