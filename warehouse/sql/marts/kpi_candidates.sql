-- 指标各来源数值: every figure each source gives for a KPI (year to date through the month), per year, month,
-- metric and basis. marts.kpi_completion takes the best of them by core.kpi_sources; the check
-- kpi_sources_disagree lists the ones that differ.
CREATE OR REPLACE TABLE marts.kpi_candidates AS
WITH bureau AS (
    SELECT year, month, metric_code, basis, 'bureau' AS source, value AS actual,
           last_day(make_date(year, month, 1)) AS as_of, confirmed_on, file_name AS source_file
    FROM core.kpi_confirmations
    WHERE month_from = 1 AND is_latest
),
-- The confirmed project list speaks for its year up to the latest round that lists projects.
list_months AS (
    SELECT year, CAST(unnest(range(1, last_month + 1)) AS INTEGER) AS month, file_name, confirmed_on
    FROM (SELECT year(as_of) AS year, max(month(as_of)) AS last_month,
                 arg_max(file_name, (as_of, confirmed_on, load_id)) AS file_name,
                 arg_max(confirmed_on, (as_of, confirmed_on, load_id)) AS confirmed_on
          FROM core.bureau_rounds WHERE has_projects GROUP BY year(as_of))
),
listed AS (
    SELECT m.year, m.month, m.file_name, m.confirmed_on, s.confirmed_projects AS projects,
           s.confirmed_investment_yi_yuan AS investment, s.confirmed_amounts_known AS every_amount_known
    FROM list_months m
    JOIN core.signings_to_date s USING (year, month)
),
bureau_projects AS (
    SELECT year, month, 'signed_projects' AS metric_code, 'confirmed' AS basis, 'bureau_projects' AS source,
           CAST(projects AS DECIMAL(18, 4)) AS actual, last_day(make_date(year, month, 1)) AS as_of, confirmed_on,
           file_name AS source_file
    FROM listed
    UNION ALL
    SELECT year, month, 'signed_investment', 'confirmed', 'bureau_projects', coalesce(investment, 0),
           last_day(make_date(year, month, 1)), confirmed_on, file_name
    FROM listed WHERE every_amount_known
),
customs AS (
    SELECT year, month, 'trade_total' AS metric_code, 'confirmed' AS basis, 'customs' AS source,
           total_ytd_wan_yuan AS actual, last_day(make_date(year, month, 1)) AS as_of, CAST(NULL AS DATE),
           source_file
    FROM marts.trade_monthly
),
-- Department reports speak for a month through its last week reported (a week belongs to its Thursday's month).
department_months AS (
    SELECT t.*, w.week_end
    FROM marts.department_totals t
    JOIN core.iso_weeks w ON w.iso_year = t.iso_year AND w.week = t.week
    QUALIFY t.week = max(t.week) OVER (PARTITION BY t.iso_year, t.month)
),
departments AS (
    SELECT iso_year AS year, month, 'signed_projects' AS metric_code, 'reported' AS basis, 'departments' AS source,
           CAST(signed_projects AS DECIMAL(18, 4)) AS actual, week_end AS as_of, CAST(NULL AS DATE),
           CAST(NULL AS VARCHAR)
    FROM department_months
    UNION ALL
    SELECT iso_year, month, 'signed_investment', 'reported', 'departments', signed_investment_yi_yuan, week_end,
           NULL, NULL
    FROM department_months
),
candidates AS (
    SELECT * FROM bureau
    UNION ALL SELECT * FROM bureau_projects
    UNION ALL SELECT * FROM customs
    UNION ALL SELECT * FROM departments
)
SELECT c.year, c.month, c.metric_code, c.basis, c.source, s.source_name, s.precedence,
       CAST(c.actual AS DECIMAL(18, 4)) AS actual, c.as_of, c.confirmed_on, c.source_file
FROM candidates c
JOIN core.kpi_sources s
  ON s.source = c.source AND s.basis = c.basis AND coalesce(s.metric_code, c.metric_code) = c.metric_code
ORDER BY c.year, c.metric_code, c.basis, c.month, s.precedence;

COMMENT ON TABLE marts.kpi_candidates IS '指标各来源数值（每年、月、指标、口径、来源一行）every figure each source gives for a KPI, year to date through the month; marts.kpi_completion uses the best source by core.kpi_sources';
COMMENT ON COLUMN marts.kpi_candidates.year IS '年份 year';
COMMENT ON COLUMN marts.kpi_candidates.month IS '截至月份 last month of the year-to-date period';
COMMENT ON COLUMN marts.kpi_candidates.metric_code IS '指标代码 metric code';
COMMENT ON COLUMN marts.kpi_candidates.basis IS '口径（confirmed 认定，estimated 预计，reported 部门报送）basis; labels in core.codes: kpi_basis';
COMMENT ON COLUMN marts.kpi_candidates.source IS '来源代码（bureau 认定值，bureau_projects 认定项目清单，customs 海关企业表，departments 部门报送）source; labels in core.codes: kpi_source';
COMMENT ON COLUMN marts.kpi_candidates.source_name IS '来源名称 source name';
COMMENT ON COLUMN marts.kpi_candidates.precedence IS '优先次序（1 = 最优先）precedence of the source for this metric and basis';
COMMENT ON COLUMN marts.kpi_candidates.actual IS '累计值 year-to-date figure, in the metric''s unit';
COMMENT ON COLUMN marts.kpi_candidates.as_of IS '数据截至日期 the date the figure is as of';
COMMENT ON COLUMN marts.kpi_candidates.confirmed_on IS '认定日期（市商务局来源）date of the bureau confirmation, bureau sources only';
COMMENT ON COLUMN marts.kpi_candidates.source_file IS '来源文件（部门报送为空：由多份周报汇总）the file the figure comes from; NULL for department reports, summed over many workbooks';
