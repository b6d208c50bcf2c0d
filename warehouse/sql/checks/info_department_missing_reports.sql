-- 部门欠报的报告（见 marts.missing_reports）Reports departments owed by the as-of date and have not sent.
SELECT department_name, period_label, due_on, days_overdue
FROM marts.missing_reports
ORDER BY department_code, period_start;
