-- 项目推进漏斗（每月末）: leads and negotiations as last reported by the month end; signed and later stages
-- counted over the projects signed in the year to date, a stage counting from the round that first confirmed it.
-- Signings are counted by signing date (core.signings_to_date), as the completion table counts the bureau's list:
-- January's confirmed signings are one number in both.
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
           AND NOT coalesce(p.signed_on <= months.month_end, false)) AS leads,
        (SELECT count(*) FROM core.projects p LEFT JOIN lead_status s
           ON s.project_id = p.project_id AND s.year = months.year AND s.month = months.month
         WHERE NOT coalesce(p.signed_on <= months.month_end, false)
           AND (s.lead_status = '在谈'
                OR (s.lead_status IS NULL AND p.first_listed_as_of <= months.month_end))) AS negotiating,
        count(*) FILTER (WHERE p.fulfilled_as_of <= months.month_end) AS fulfilled,
        count(*) FILTER (WHERE p.started_as_of <= months.month_end) AS started,
        count(*) FILTER (WHERE p.in_production_as_of <= months.month_end) AS in_production
    FROM months
    LEFT JOIN core.projects p
      ON p.signed_on BETWEEN make_date(months.year, 1, 1) AND months.month_end
    GROUP BY months.year, months.month, months.month_end
),
signed AS (
    SELECT c.*, s.signed_projects AS signed, s.confirmed_projects AS signed_confirmed
    FROM counts c JOIN core.signings_to_date s USING (year, month)
)
SELECT c.year, c.month, c.leads, c.negotiating, c.signed, c.signed_confirmed, c.fulfilled, c.started,
       c.in_production,
       CAST(core.divide(c.fulfilled, CASE s.fulfilment_den WHEN 'signed' THEN c.signed
                                                           WHEN 'signed_confirmed' THEN c.signed_confirmed END,
                        0.0001) AS DECIMAL(9, 4)) AS fulfilment_rate,
       CAST(core.divide(c.started, CASE s.start_den WHEN 'signed' THEN c.signed
                                                    WHEN 'signed_confirmed' THEN c.signed_confirmed
                                                    WHEN 'fulfilled' THEN c.fulfilled END,
                        0.0001) AS DECIMAL(9, 4)) AS start_rate,
       s.fulfilment_den AS fulfilment_rate_denominator,
       s.start_den AS start_rate_denominator
FROM signed c CROSS JOIN setting s
ORDER BY c.year, c.month;

COMMENT ON TABLE marts.pipeline_funnel IS '项目推进漏斗（按年、月，月末口径）pipeline funnel at each month end: leads and negotiations as last reported, signed and later stages over the projects signed in the year to date';
COMMENT ON COLUMN marts.pipeline_funnel.year IS '年份 year';
COMMENT ON COLUMN marts.pipeline_funnel.month IS '月份（月末口径）month, counted at its last day';
COMMENT ON COLUMN marts.pipeline_funnel.leads IS '线索数（月末最新状态为线索、尚未签约）leads whose latest status by the month end is 线索';
COMMENT ON COLUMN marts.pipeline_funnel.negotiating IS '在谈数（月末最新状态为在谈，含市商务局列入三个一批拟签约的项目）projects under negotiation, including bureau-planned unsigned projects';
COMMENT ON COLUMN marts.pipeline_funnel.signed IS '签约数（年初至月末签约的项目，按签约日期，部门填报或市商务局认定；见 core.signings_to_date）projects signed in the year to date, by signing date';
COMMENT ON COLUMN marts.pipeline_funnel.signed_confirmed IS '认定签约数（其中在市商务局认定清单上的，与 marts.kpi_completion 的认定项目清单口径相同）of which on the bureau''s confirmed list, as marts.kpi_completion counts it';
COMMENT ON COLUMN marts.pipeline_funnel.fulfilled IS '履约数（年内签约项目中已认定履约或更后阶段的）signed in the year and confirmed 履约 or later';
COMMENT ON COLUMN marts.pipeline_funnel.started IS '开工数（年内签约项目中已认定开工或投产的）signed in the year and confirmed 开工 or later';
COMMENT ON COLUMN marts.pipeline_funnel.in_production IS '投产数（年内签约项目中已认定投产的）signed in the year and confirmed 投产';
COMMENT ON COLUMN marts.pipeline_funnel.fulfilment_rate IS '履约率 = 履约数 / 分母（分母见 fulfilment_rate_denominator，reference/pipeline.yaml 配置）fulfilment rate as a fraction';
COMMENT ON COLUMN marts.pipeline_funnel.start_rate IS '开工率 = 开工数 / 分母（分母见 start_rate_denominator）start rate as a fraction';
COMMENT ON COLUMN marts.pipeline_funnel.fulfilment_rate_denominator IS '履约率分母（signed 全部签约项目，signed_confirmed 经认定的签约项目）denominator of the fulfilment rate; labels in core.codes: rate_denominator';
COMMENT ON COLUMN marts.pipeline_funnel.start_rate_denominator IS '开工率分母（signed、signed_confirmed 或 fulfilled）denominator of the start rate; labels in core.codes: rate_denominator';
