-- What a 工作总结 quotes: for each year, metric and basis, the latest month known, from its best source.
CREATE OR REPLACE TABLE marts.kpi_latest AS
SELECT * FROM marts.kpi_completion
QUALIFY row_number() OVER (PARTITION BY year, metric_code, basis ORDER BY month DESC) = 1
ORDER BY year, metric_code, basis;

COMMENT ON TABLE marts.kpi_latest IS '最新完成情况（每年每指标每口径取最新月份）latest KPI completion per year, metric and basis: the row of kpi_completion with the latest month';
COMMENT ON COLUMN marts.kpi_latest.year IS '年份 year';
COMMENT ON COLUMN marts.kpi_latest.month IS '截至月份 last month of the year-to-date period';
COMMENT ON COLUMN marts.kpi_latest.metric_code IS '指标代码 metric code';
COMMENT ON COLUMN marts.kpi_latest.metric_name IS '指标名称 metric name (Chinese)';
COMMENT ON COLUMN marts.kpi_latest.unit IS '单位 unit';
COMMENT ON COLUMN marts.kpi_latest.basis IS '口径（confirmed 认定，estimated 预计，reported 部门报送）basis; labels in core.codes: kpi_basis';
COMMENT ON COLUMN marts.kpi_latest.source IS '来源（bureau、bureau_projects、customs、departments）where the figure comes from; labels in core.codes: kpi_source';
COMMENT ON COLUMN marts.kpi_latest.judged IS '是否按市定目标评判（部门报送为否）whether the row is judged against the city target; false for what departments report';
COMMENT ON COLUMN marts.kpi_latest.actual IS '累计完成值 year-to-date actual';
COMMENT ON COLUMN marts.kpi_latest.target IS '全年市定目标（部门报送口径只作对照）annual target; beside a reported figure for reference only';
COMMENT ON COLUMN marts.kpi_latest.completion_rate IS '完成率（小数；部门报送口径为空，不与市定目标比较）completion rate as a fraction; NULL for basis reported, never judged against the city target';
COMMENT ON COLUMN marts.kpi_latest.time_progress IS '时间进度（小数）time progress as a fraction';
COMMENT ON COLUMN marts.kpi_latest.gap_pp IS '完成率与时间进度之差（百分点；部门报送口径为空）gap in percentage points; NULL for basis reported';
COMMENT ON COLUMN marts.kpi_latest.status IS '状态（achieved、on_track、behind、no_target；部门报送口径为空：未经认定，不评判达成与否）status; NULL for basis reported: department reports are unconfirmed and not judged against the city target; labels in core.codes: kpi_status';
COMMENT ON COLUMN marts.kpi_latest.as_of IS '数据截至日期 the date the figure is as of';
COMMENT ON COLUMN marts.kpi_latest.confirmed_on IS '认定日期 confirmation date';
COMMENT ON COLUMN marts.kpi_latest.source_file IS '来源文件 source file';
COMMENT ON COLUMN marts.kpi_latest.pace_needed_per_month IS '剩余每月需完成（部门报送口径为空）what each remaining month must add to reach the target; NULL for basis reported';
COMMENT ON COLUMN marts.kpi_latest.projected_year_end IS '按当前进度全年预计 the year-end figure at the current pace';
