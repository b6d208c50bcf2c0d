-- The period a bureau round speaks for: the last month of the signed-project figures in the same file; a file
-- with no KPI sheet speaks for the month of its confirmation date.
CREATE OR REPLACE TABLE core.bureau_rounds AS
SELECT load_id, max(last_day(make_date(year, month_to, 1))) AS as_of
FROM raw.bureau_kpi
WHERE metric_code IN ('signed_projects', 'signed_investment')
GROUP BY load_id;
