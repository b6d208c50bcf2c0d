-- 项目储备与推进：one row per project, from the first lead to production. Abandoned leads are left out.
CREATE OR REPLACE TABLE marts.project_pipeline AS
SELECT
    p.project_id,
    p.project_name,
    p.investor,
    (SELECT list(d.department_name ORDER BY d.department_code)
     FROM core.departments d WHERE list_contains(p.department_codes, d.department_code)) AS departments,
    r.department_name AS responsible_department,
    p.six_post_leader,
    p.total_investment_yi_yuan,
    coalesce(p.total_investment_yi_yuan >= 1, false) AS is_yi_project,
    p.stage,
    p.signed_on,
    p.fulfilled_on,
    p.started_on,
    p.in_production_on,
    p.bureau_confirmed,
    p.batch,
    p.provincial_status,
    p.lead_status,
    p.reported_by_department,
    p.mentions
FROM core.projects p
LEFT JOIN core.departments r ON r.department_code = p.responsible_department_code
WHERE p.stage IS NOT NULL
ORDER BY core.stage_rank(p.stage) DESC, p.signed_on, p.project_name;

COMMENT ON TABLE marts.project_pipeline IS '项目推进台账（线索→在谈→签约→履约→开工→投产，每个项目一行，按名称+投资方跨市商务局认定表与部门台账合并；已放弃的线索不列入，无法确定的匹配见 core.project_ambiguous_matches）project pipeline: one row per project, matched across bureau sheets and department workbooks on normalised name plus investor; abandoned leads left out, doubtful matches in core.project_ambiguous_matches';
COMMENT ON COLUMN marts.project_pipeline.project_id IS '项目编号（由规范化名称和投资方生成，每次运行不变）project id, stable across runs (from normalised name and investor)';
COMMENT ON COLUMN marts.project_pipeline.project_name IS '项目名称（优先取市商务局写法）project name, as the bureau writes it where it does';
COMMENT ON COLUMN marts.project_pipeline.investor IS '投资方 investor';
COMMENT ON COLUMN marts.project_pipeline.departments IS '涉及部门（责任单位及填报部门）departments: the bureau''s responsible department and every reporting department';
COMMENT ON COLUMN marts.project_pipeline.responsible_department IS '责任单位（市商务局认定表）responsible department as the bureau lists it';
COMMENT ON COLUMN marts.project_pipeline.six_post_leader IS '六职领导（认定表、部门台账或六职招商计划）six-post leader';
COMMENT ON COLUMN marts.project_pipeline.total_investment_yi_yuan IS '总投资（亿元；认定值优先，其次签约台账，再次线索预计投资额）total investment in 亿元';
COMMENT ON COLUMN marts.project_pipeline.is_yi_project IS '是否亿元项目（总投资≥1亿元）at least 1亿元';
COMMENT ON COLUMN marts.project_pipeline.stage IS '阶段：线索、在谈、签约、履约、开工、投产（履约及以后以市商务局认定为准）stage; 履约 and later only as the bureau confirmed';
COMMENT ON COLUMN marts.project_pipeline.signed_on IS '签约日期 signing date';
COMMENT ON COLUMN marts.project_pipeline.fulfilled_on IS '履约认定日期（首次认定为履约或更后阶段的日期）date the bureau first confirmed 履约 or a later stage';
COMMENT ON COLUMN marts.project_pipeline.started_on IS '开工认定日期 date the bureau first confirmed 开工 or later';
COMMENT ON COLUMN marts.project_pipeline.in_production_on IS '投产认定日期 date the bureau first confirmed 投产';
COMMENT ON COLUMN marts.project_pipeline.bureau_confirmed IS '是否经市商务局认定（签约及以后）confirmed by the bureau at 签约 or later';
COMMENT ON COLUMN marts.project_pipeline.batch IS '三个一批期次（整数）"three batches" period as an integer';
COMMENT ON COLUMN marts.project_pipeline.provincial_status IS '省级认定状态：待认定、已认定 provincial confirmation status';
COMMENT ON COLUMN marts.project_pipeline.lead_status IS '部门台账最新线索状态 latest lead status in the department workbooks';
COMMENT ON COLUMN marts.project_pipeline.reported_by_department IS '是否有部门填报 reported by at least one department';
COMMENT ON COLUMN marts.project_pipeline.mentions IS '出现次数（认定表与部门台账的行数）rows naming this project across all files';

-- 项目推进漏斗（每月末）: leads and negotiations as last reported by the month end; signed and later stages
-- counted over the projects signed in the year to date, a stage counting from the round that first confirmed it.
CREATE OR REPLACE TABLE marts.pipeline_funnel AS
WITH setting AS (
    SELECT
        coalesce(max(value) FILTER (WHERE key = 'pipeline.fulfilment_rate_denominator'), 'signed') AS fulfilment_den,
        coalesce(max(value) FILTER (WHERE key = 'pipeline.start_rate_denominator'), 'signed') AS start_den
    FROM raw.ref_settings
),
known AS (
    SELECT date_trunc('month', min(as_of)) AS first_month, max(as_of) AS last_day FROM core.project_mentions
),
months AS (
    SELECT y.year, m.month, last_day(make_date(y.year, m.month, 1)) AS month_end
    FROM (SELECT DISTINCT year(as_of) AS year FROM core.project_mentions WHERE as_of IS NOT NULL) y
    CROSS JOIN range(1, 13) m(month)
    CROSS JOIN known
    WHERE make_date(y.year, m.month, 1) BETWEEN known.first_month AND known.last_day
),
lead_status AS (
    SELECT months.year, months.month, k.project_id,
           arg_max(k.lead_status, (k.as_of, k.load_id, k.row_number)) AS lead_status
    FROM months JOIN core.project_mention_keys k ON k.source = 'department_lead' AND k.as_of <= months.month_end
    GROUP BY ALL
),
counts AS (
    SELECT
        months.year, months.month,
        (SELECT count(*) FROM lead_status s JOIN core.projects p USING (project_id)
         WHERE s.year = months.year AND s.month = months.month AND s.lead_status = '线索'
           AND NOT coalesce(p.signed_as_of <= months.month_end, false)) AS leads,
        (SELECT count(*) FROM core.projects p LEFT JOIN lead_status s
           ON s.project_id = p.project_id AND s.year = months.year AND s.month = months.month
         WHERE NOT coalesce(p.signed_as_of <= months.month_end, false)
           AND (s.lead_status = '在谈'
                OR (s.lead_status IS NULL AND p.first_listed_as_of <= months.month_end))) AS negotiating,
        count(*) FILTER (WHERE p.signed_as_of <= months.month_end) AS signed,
        count(*) FILTER (WHERE p.bureau_confirmed AND p.signed_as_of <= months.month_end) AS signed_confirmed,
        count(*) FILTER (WHERE p.fulfilled_as_of <= months.month_end) AS fulfilled,
        count(*) FILTER (WHERE p.started_as_of <= months.month_end) AS started,
        count(*) FILTER (WHERE p.in_production_as_of <= months.month_end) AS in_production
    FROM months
    LEFT JOIN core.projects p
      ON p.signed_on BETWEEN make_date(months.year, 1, 1) AND months.month_end
    GROUP BY months.year, months.month, months.month_end
)
SELECT c.year, c.month, c.leads, c.negotiating, c.signed, c.signed_confirmed, c.fulfilled, c.started,
       c.in_production,
       CAST(round(c.fulfilled / nullif(CASE s.fulfilment_den WHEN 'signed' THEN c.signed
                                                           WHEN 'signed_confirmed' THEN c.signed_confirmed END, 0),
                  4) AS DECIMAL(9, 4)) AS fulfilment_rate,
       CAST(round(c.started / nullif(CASE s.start_den WHEN 'signed' THEN c.signed
                                                      WHEN 'signed_confirmed' THEN c.signed_confirmed
                                                      WHEN 'fulfilled' THEN c.fulfilled END, 0),
                  4) AS DECIMAL(9, 4)) AS start_rate,
       s.fulfilment_den AS fulfilment_rate_denominator,
       s.start_den AS start_rate_denominator
FROM counts c CROSS JOIN setting s
ORDER BY c.year, c.month;

COMMENT ON TABLE marts.pipeline_funnel IS '项目推进漏斗（按年、月，月末口径）pipeline funnel at each month end: leads and negotiations as last reported, signed and later stages over the projects signed in the year to date';
COMMENT ON COLUMN marts.pipeline_funnel.year IS '年份 year';
COMMENT ON COLUMN marts.pipeline_funnel.month IS '月份（月末口径）month, counted at its last day';
COMMENT ON COLUMN marts.pipeline_funnel.leads IS '线索数（月末最新状态为线索、尚未签约）leads whose latest status by the month end is 线索';
COMMENT ON COLUMN marts.pipeline_funnel.negotiating IS '在谈数（月末最新状态为在谈，含市商务局列入三个一批拟签约的项目）projects under negotiation, including bureau-planned unsigned projects';
COMMENT ON COLUMN marts.pipeline_funnel.signed IS '年内签约项目数（部门填报或市商务局认定）projects signed in the year to date';
COMMENT ON COLUMN marts.pipeline_funnel.signed_confirmed IS '其中经市商务局认定的签约项目数 of which confirmed by the bureau';
COMMENT ON COLUMN marts.pipeline_funnel.fulfilled IS '年内签约项目中已认定履约（或更后阶段）的个数 signed in the year and confirmed 履约 or later';
COMMENT ON COLUMN marts.pipeline_funnel.started IS '年内签约项目中已认定开工（或投产）的个数 signed in the year and confirmed 开工 or later';
COMMENT ON COLUMN marts.pipeline_funnel.in_production IS '年内签约项目中已认定投产的个数 signed in the year and confirmed 投产';
COMMENT ON COLUMN marts.pipeline_funnel.fulfilment_rate IS '履约率 = 履约数 / 分母（分母见 fulfilment_rate_denominator，reference/pipeline.yaml 配置）fulfilment rate as a fraction';
COMMENT ON COLUMN marts.pipeline_funnel.start_rate IS '开工率 = 开工数 / 分母（分母见 start_rate_denominator）start rate as a fraction';
COMMENT ON COLUMN marts.pipeline_funnel.fulfilment_rate_denominator IS '履约率分母：signed=全部签约项目，signed_confirmed=经认定的签约项目 denominator of the fulfilment rate';
COMMENT ON COLUMN marts.pipeline_funnel.start_rate_denominator IS '开工率分母：signed、signed_confirmed 或 fulfilled denominator of the start rate';
