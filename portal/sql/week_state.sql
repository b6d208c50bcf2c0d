-- Every department's state in the latest ranked week: reported, ranked, what it owes and how late.
SELECT r.department_code, r.department_name, r.iso_year, r.week, r.reported, r.ranked, r.rank, r.list,
       r.owed_period,
       (SELECT count(*) FROM marts.missing_reports m WHERE m.department_code = r.department_code) AS reports_owed,
       (SELECT max(days_overdue) FROM marts.missing_reports m WHERE m.department_code = r.department_code)
           AS most_days_overdue
FROM marts.department_ranking r
QUALIFY (r.iso_year, r.week) = max((r.iso_year, r.week)) OVER ()
ORDER BY r.department_code
