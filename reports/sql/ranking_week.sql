-- 周排序: the week's ranking with what each department reported that week and year to date.
SELECT r.rank, r.department_name, r.score, r.list, r.reported, r.ranked, r.owed_period, r.score_detail,
       w.leads, w.valuable_leads, w.signed_projects, w.yi_projects, w.signed_investment_yi_yuan,
       w.registered_enterprises, w.trips, w.enterprises_visited, w.investor_meetings, w.promotions,
       w.valuable_leads_ytd, w.signed_projects_ytd, w.yi_projects_ytd, w.signed_investment_yi_yuan_ytd,
       w.registered_enterprises_ytd, w.trips_ytd, w.enterprises_visited_ytd, w.investor_meetings_ytd,
       array_to_string(w.source_files, '、') AS source_files
FROM marts.department_ranking r
JOIN marts.department_weekly w USING (department_code, iso_year, week)
WHERE r.iso_year = $iso_year AND r.week = $iso_week
ORDER BY r.rank NULLS LAST, r.department_code;
