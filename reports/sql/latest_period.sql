-- The latest complete month the warehouse has figures for: a month that has ended by $today and that a bureau
-- figure, a customs table or a department report reaches. A department week belongs to the month of its Sunday.
WITH months AS (
    SELECT make_date(year, month, 1) AS first_day FROM marts.kpi_completion
    UNION ALL
    SELECT make_date(year, month, 1) FROM marts.trade_monthly
    UNION ALL
    SELECT date_trunc('month', make_date(iso_year, 1, 4) + CAST(week * 7 - isodow(make_date(iso_year, 1, 4)) AS INTEGER))
    FROM marts.department_weekly WHERE reported
)
SELECT year(max(first_day)) AS year, month(max(first_day)) AS month
FROM months
WHERE last_day(first_day) < $today;
