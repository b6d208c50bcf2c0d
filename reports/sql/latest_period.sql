-- The latest complete month the warehouse has figures for: a month that has ended by the date the warehouse judges
-- at (core.as_of: calendar.yaml's as_of, else the day of the run) and that a bureau figure, a customs table or a
-- department report reaches (a department week belongs to the month of its Thursday).
WITH months AS (
    SELECT make_date(year, month, 1) AS first_day FROM marts.kpi_completion
    UNION ALL
    SELECT make_date(year, month, 1) FROM marts.trade_monthly
    UNION ALL
    SELECT make_date(iso_year, month, 1) FROM marts.department_weekly WHERE reported
)
SELECT year(max(first_day)) AS year, month(max(first_day)) AS month
FROM months
WHERE last_day(first_day) < (SELECT as_of FROM core.as_of);
