-- Where a KPI figure may come from, best first: the one place the precedence is written. For each year, month,
-- metric and basis, marts.kpi_completion takes the figure of the best source that gives one (marts.kpi_candidates
-- holds them all). A NULL metric_code: every metric. Department reports are their own basis, never 'confirmed'.
CREATE OR REPLACE TABLE core.kpi_sources AS
SELECT * FROM (VALUES
    (1, 'bureau', 'confirmed', NULL,
     '市商务局认定值', 'the bureau''s confirmed figure (指标认定, 口径 认定)'),
    (1, 'bureau', 'estimated', NULL,
     '市商务局预计值', 'the bureau''s estimate (指标认定, 口径 预计)'),
    (2, 'bureau_projects', 'confirmed', 'signed_projects',
     '市商务局认定项目清单（个数）', 'the number of projects on the bureau''s confirmed list (项目认定) signed in the year to date'),
    (2, 'bureau_projects', 'confirmed', 'signed_investment',
     '市商务局认定项目清单（总投资）', 'the total investment of those projects'),
    (3, 'customs', 'confirmed', 'trade_total',
     '海关企业进出口表（名录企业）', 'the customs enterprise tables, roster enterprises only (marts.trade_monthly)'),
    (1, 'departments', 'reported', 'signed_projects',
     '部门报送（去重）', 'the departments'' reports, each project counted once (marts.department_totals)'),
    (1, 'departments', 'reported', 'signed_investment',
     '部门报送（去重）', 'the total investment of those projects')
) AS s(precedence, source, basis, metric_code, source_name, description);

COMMENT ON TABLE core.kpi_sources IS '指标来源优先次序 where a KPI figure may come from, best first: marts.kpi_completion takes the best source that gives a figure';
COMMENT ON COLUMN core.kpi_sources.precedence IS '优先次序（1 = 最优先）precedence, 1 = best';
COMMENT ON COLUMN core.kpi_sources.source IS '来源代码 source';
COMMENT ON COLUMN core.kpi_sources.basis IS '口径（confirmed 认定，estimated 预计，reported 部门报送）basis';
COMMENT ON COLUMN core.kpi_sources.metric_code IS '指标代码（空 = 所有指标）metric, NULL for every metric';
COMMENT ON COLUMN core.kpi_sources.source_name IS '来源名称 source name';
COMMENT ON COLUMN core.kpi_sources.description IS '说明 what the figure is';
