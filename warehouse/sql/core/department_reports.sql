-- Department reports in force (a resubmission has superseded the earlier workbook in audit.loads). A monthly
-- report counts in the last ISO week that belongs to its month (the week of the month's last Thursday, see
-- core.iso_weeks), so its rows land in its own month, quarter and year.
CREATE OR REPLACE TABLE core.department_reports AS
WITH reports AS (
    SELECT r.*, last_day(r.period_end) - CAST((isodow(last_day(r.period_end)) + 3) % 7 AS INTEGER) AS last_thursday
    FROM raw.dept_reports r JOIN core.active_loads USING (load_id)
)
SELECT * EXCLUDE (last_thursday) REPLACE (
           CASE WHEN period_kind = 'month' THEN CAST(isoyear(last_thursday) AS INTEGER) ELSE year END AS year,
           CASE WHEN period_kind = 'month' THEN CAST(week(last_thursday) AS INTEGER) ELSE week END AS week)
FROM reports;

COMMENT ON TABLE core.department_reports IS '在用的部门报告（每份工作簿一行）department workbooks in force, one row each: who reported for which period, and the ISO week it counts in';
COMMENT ON COLUMN core.department_reports.load_id IS '载入编号 load id (audit.loads)';
COMMENT ON COLUMN core.department_reports.file_name IS '文件名 workbook file name';
COMMENT ON COLUMN core.department_reports.department_code IS '部门代码 department code';
COMMENT ON COLUMN core.department_reports.department_as_written IS '填报单位（原文）department as written';
COMMENT ON COLUMN core.department_reports.period_kind IS '报告期类型（week 周报、month 月报、range 日期段）kind of report period';
COMMENT ON COLUMN core.department_reports.period_label IS '报告期 report period label';
COMMENT ON COLUMN core.department_reports.year IS '计入的ISO年 ISO year the report counts in';
COMMENT ON COLUMN core.department_reports.week IS '计入的ISO周（月报：该月最后一个所属周）ISO week the report counts in (a monthly report: the last week belonging to its month)';
COMMENT ON COLUMN core.department_reports.period_start IS '报告期起 first day of the period';
COMMENT ON COLUMN core.department_reports.period_end IS '报告期止 last day of the period';
COMMENT ON COLUMN core.department_reports.reporter IS '填报人 reporter';
COMMENT ON COLUMN core.department_reports.reported_on IS '填报日期 date filled in';
