-- 周排序: the week's ranking with what each department reported that week and year to date. report_period names
-- the report the week's figures come from: the week's own, or a monthly reporter's month (a monthly report counts
-- in the last week of its month, and its figures are the whole month's).
WITH reports AS (
    SELECT department_code, year AS iso_year, week,
           bool_or(period_kind = 'month') AS monthly_report,
           string_agg(DISTINCT CASE WHEN period_kind = 'month'
                                    THEN year(period_start) || '年' || month(period_start) || '月月报'
                                    ELSE '第' || week || '周周报' END, '、') AS report_period
    FROM core.department_reports
    GROUP BY ALL
)
SELECT r.rank, r.department_name, r.score, r.list, r.reported, r.ranked, r.owed_period, r.score_detail,
       coalesce(p.monthly_report, false) AS monthly_report, p.report_period,
       w.leads, w.valuable_leads, w.signed_projects, w.yi_projects, w.signed_investment_yi_yuan,
       w.registered_enterprises, w.trips, w.enterprises_visited, w.investor_meetings, w.promotions,
       w.valuable_leads_ytd, w.signed_projects_ytd, w.yi_projects_ytd, w.signed_investment_yi_yuan_ytd,
       w.registered_enterprises_ytd, w.trips_ytd, w.enterprises_visited_ytd, w.investor_meetings_ytd,
       array_to_string(w.source_files, '、') AS source_files
FROM marts.department_ranking r
JOIN marts.department_weekly w USING (department_code, iso_year, week)
LEFT JOIN reports p USING (department_code, iso_year, week)
WHERE r.iso_year = $iso_year AND r.week = $iso_week
ORDER BY r.rank NULLS LAST, r.department_code;
