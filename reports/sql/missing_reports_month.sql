-- Every report owed for the month's periods (its weeks, by their Thursday, and the month itself) and not sent by
-- the warehouse's as-of date: marts.missing_reports for the month, row for row, so the leadership workbook and
-- the warehouse tell the same story.
SELECT department_code, department_name, cadence, period_label, period_start, period_end, due_on, as_of,
       days_overdue, last_period
FROM marts.missing_reports
WHERE iso_year = $year AND month = $month
ORDER BY department_code, period_start;
