-- One row per project: the bureau's word first, then the departments' signed ledgers, then their leads.
CREATE OR REPLACE TABLE core.projects AS
WITH m AS (
    SELECT *, CASE source WHEN 'bureau' THEN 1 WHEN 'department_signed' THEN 2 ELSE 3 END AS trust
    FROM core.project_mention_keys
),
bureau_stages AS (
    SELECT project_id,
           max(core.stage_rank(stage)) AS bureau_rank,
           min(confirmed_on) FILTER (WHERE core.stage_rank(stage) >= 2) AS bureau_signed_on,
           min(confirmed_on) FILTER (WHERE core.stage_rank(stage) >= 3) AS fulfilled_on,
           min(confirmed_on) FILTER (WHERE core.stage_rank(stage) >= 4) AS started_on,
           min(confirmed_on) FILTER (WHERE core.stage_rank(stage) >= 5) AS in_production_on,
           min(as_of) FILTER (WHERE core.stage_rank(stage) >= 2) AS confirmed_signed_as_of,
           min(as_of) FILTER (WHERE core.stage_rank(stage) >= 3) AS fulfilled_as_of,
           min(as_of) FILTER (WHERE core.stage_rank(stage) >= 4) AS started_as_of,
           min(as_of) FILTER (WHERE core.stage_rank(stage) >= 5) AS in_production_as_of,
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
    SELECT project_id, arg_max(lead_status, (as_of, load_id, row_number)) AS lead_status
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
           min(as_of) FILTER (WHERE source <> 'bureau' AND (stage = '签约' OR lead_status = '已签约'))
               AS department_signed_as_of,
           list(DISTINCT department_code ORDER BY department_code)
               FILTER (WHERE source <> 'bureau' AND department_code IS NOT NULL) AS reporting_department_codes,
           list(DISTINCT department_code ORDER BY department_code)
               FILTER (WHERE department_code IS NOT NULL) AS department_codes,
           -- The first date any source reported the stage or a later one: stages only move forward here.
           min(reported_on) FILTER (WHERE core.stage_rank(reported_stage) >= 0) AS lead_reported_on,
           min(reported_on) FILTER (WHERE core.stage_rank(reported_stage) >= 1) AS negotiating_reported_on,
           min(reported_on) FILTER (WHERE core.stage_rank(reported_stage) >= 2) AS signed_reported_on,
           min(reported_on) FILTER (WHERE core.stage_rank(reported_stage) >= 3) AS fulfilled_reported_on,
           min(reported_on) FILTER (WHERE core.stage_rank(reported_stage) >= 4) AS started_reported_on,
           min(reported_on) FILTER (WHERE core.stage_rank(reported_stage) >= 5) AS in_production_reported_on,
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
)
SELECT d.project_id, d.name_key, d.project_name, d.investor,
       d.department_codes, d.reporting_department_codes, b.responsible_department_code,
       coalesce(d.six_post_leader, p.leader) AS six_post_leader,
       d.total_investment_yi_yuan,
       coalesce(d.bureau_signing_date, d.department_signing_date) AS signed_on,
       b.fulfilled_on, b.started_on, b.in_production_on,
       coalesce(b.bureau_rank >= 2, false) AS bureau_confirmed,
       b.batch, b.batch_type, b.provincial_status, l.lead_status,
       CASE
           WHEN b.bureau_rank >= 2 THEN
               CASE b.bureau_rank WHEN 2 THEN '签约' WHEN 3 THEN '履约' WHEN 4 THEN '开工' ELSE '投产' END
           WHEN d.reported_signed_by_department OR l.lead_status = '已签约'
                OR coalesce(d.bureau_signing_date, d.department_signing_date) IS NOT NULL THEN '签约'
           WHEN l.lead_status IN ('线索', '在谈') THEN l.lead_status
           WHEN d.listed_by_bureau THEN '在谈'  -- planned by the bureau (三个一批 拟签约), not signed yet
       END AS stage,
       -- For the month-by-month funnel: the end of the period in which each stage was first known.
       least(b.confirmed_signed_as_of, d.department_signed_as_of) AS signed_as_of,
       b.fulfilled_as_of, b.started_as_of, b.in_production_as_of, b.first_listed_as_of,
       d.lead_reported_on, d.negotiating_reported_on, d.signed_reported_on, d.fulfilled_reported_on,
       d.started_reported_on, d.in_production_reported_on,
       d.listed_by_bureau, d.reported_signed_by_department, d.reported_by_department, d.mentions
FROM described d
LEFT JOIN bureau_stages b USING (project_id)
LEFT JOIN latest_lead l USING (project_id)
LEFT JOIN (SELECT project_id, min(leader) AS leader FROM planned GROUP BY project_id) p USING (project_id);
