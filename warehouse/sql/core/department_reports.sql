-- Department reports in force (a resubmission has superseded the earlier workbook in audit.loads), with the ISO week
-- each counts in as the reader placed it (ingest/periods.py): a monthly report in the last week of its own month.
CREATE OR REPLACE TABLE core.department_reports AS
SELECT r.* FROM raw.dept_reports r JOIN audit.loads l ON l.load_id = r.load_id AND l.status = 'loaded';

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
