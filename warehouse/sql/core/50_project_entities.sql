-- One project across bureau sheets and department workbooks: the same normalised name and the same investor.
-- Bracket styles, spaces, full-width digits, a trailing 项目 and the company form (有限公司...) do not tell
-- projects apart; anything else does, and a doubtful match is reported in core.project_ambiguous_matches.
CREATE OR REPLACE MACRO core.stage_rank(stage) AS
    CASE stage WHEN '线索' THEN 0 WHEN '在谈' THEN 1 WHEN '签约' THEN 2 WHEN '履约' THEN 3
               WHEN '开工' THEN 4 WHEN '投产' THEN 5 END;

-- The period a bureau round speaks for: the last month of the signed-project figures in the same file; a file
-- with no KPI sheet speaks for the month of its confirmation date.
CREATE OR REPLACE TABLE core.bureau_rounds AS
SELECT load_id, max(last_day(make_date(year, month_to, 1))) AS as_of
FROM raw.bureau_kpi
WHERE metric_code IN ('signed_projects', 'signed_investment')
GROUP BY load_id;

-- Every row that names a project, wherever it came from.
CREATE OR REPLACE TABLE core.project_mentions AS
SELECT 'bureau' AS source, p.load_id, p.file_name, p.sheet, p.row_number,
       p.project_name, p.investor, p.department_code, p.total_investment_yi_yuan AS amount_yi_yuan,
       p.signed_on, p.stage, NULL::VARCHAR AS lead_status, p.confirmed_on, p.batch, p.provincial_status,
       p.six_post_leader,
       coalesce(r.as_of, last_day(p.confirmed_on), last_day(CAST(l.loaded_at AS DATE))) AS as_of
FROM raw.bureau_projects p
JOIN core.active_loads l USING (load_id)
LEFT JOIN core.bureau_rounds r USING (load_id)
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

-- A mention without an investor joins the only project of its name; with two or more candidates it stays apart.
CREATE OR REPLACE TABLE core.project_mention_keys AS
WITH keyed AS (
    SELECT *, core.name_key(project_name) AS name_key, core.investor_key(investor) AS investor_key
    FROM core.project_mentions
),
candidates AS (
    SELECT name_key, list(DISTINCT investor_key ORDER BY investor_key) AS investor_keys,
           list(DISTINCT investor ORDER BY investor) AS investors_written
    FROM keyed WHERE investor_key IS NOT NULL GROUP BY name_key
)
SELECT k.*,
       CASE WHEN k.investor_key IS NOT NULL THEN k.investor_key
            WHEN len(c.investor_keys) = 1 THEN c.investor_keys[1] END AS entity_investor_key,
       coalesce(c.investor_keys, []) AS investor_keys,
       coalesce(c.investors_written, []) AS investor_candidates
FROM keyed k LEFT JOIN candidates c USING (name_key);

CREATE OR REPLACE TABLE core.project_mention_keys AS
SELECT *, 'P' || substr(md5(name_key || '|' || coalesce(entity_investor_key, '')), 1, 10) AS project_id
FROM core.project_mention_keys;

-- Matches the warehouse would not guess: the same name with different investors, a name without an investor
-- that fits several projects (one row per mention), and one investor's projects whose names contain one another
-- (one row per project, at its first mention). `candidates` holds the investors, or the other project names.
CREATE OR REPLACE TABLE core.project_ambiguous_matches AS
WITH contained AS (
    SELECT DISTINCT a.project_id, b.project_name AS other_name
    FROM core.project_mention_keys a
    JOIN core.project_mention_keys b
      ON a.entity_investor_key = b.entity_investor_key AND a.name_key <> b.name_key
     AND length(a.name_key) > 1 AND length(b.name_key) > 1
     AND (contains(a.name_key, b.name_key) OR contains(b.name_key, a.name_key))
),
first_mention AS (
    SELECT * FROM core.project_mention_keys
    QUALIFY row_number() OVER (PARTITION BY project_id ORDER BY source, file_name, sheet, row_number) = 1
)
SELECT 'same_name_different_investors' AS reason,
       '同名项目的投资方不同，未合并 same project name, different investors: kept apart' AS explanation,
       name_key, project_id, source, file_name, sheet, row_number, project_name, investor,
       investor_candidates AS candidates
FROM core.project_mention_keys
WHERE len(investor_keys) > 1 AND investor_key IS NOT NULL
UNION ALL
SELECT 'no_investor_several_candidates',
       '未填投资方，同名项目有多个投资方，无法判断 no investor written and several projects bear this name',
       name_key, project_id, source, file_name, sheet, row_number, project_name, investor, investor_candidates
FROM core.project_mention_keys
WHERE len(investor_keys) > 1 AND investor_key IS NULL
UNION ALL
SELECT 'similar_name_same_investor',
       '同一投资方的项目名称相互包含，未合并 one investor, names contained in one another: kept apart',
       f.name_key, f.project_id, f.source, f.file_name, f.sheet, f.row_number, f.project_name, f.investor,
       list(DISTINCT s.other_name ORDER BY s.other_name)
FROM first_mention f JOIN contained s USING (project_id)
GROUP BY ALL;

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
       b.batch, b.provincial_status, l.lead_status,
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
       d.listed_by_bureau, d.reported_signed_by_department, d.reported_by_department, d.mentions
FROM described d
LEFT JOIN bureau_stages b USING (project_id)
LEFT JOIN latest_lead l USING (project_id)
LEFT JOIN (SELECT project_id, min(leader) AS leader FROM planned GROUP BY project_id) p USING (project_id);
