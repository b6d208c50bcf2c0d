-- The department's row in the latest ranked week, with how many departments were ranked that week.
SELECT r.iso_year, r.week, r.score, r.rank, r.list, r.list_rule, r.ranked, r.owed_period, r.score_detail,
       (SELECT count(*) FROM marts.department_ranking a
        WHERE a.iso_year = r.iso_year AND a.week = r.week AND a.ranked) AS ranked_departments
FROM marts.department_ranking r
WHERE r.department_code = $department
ORDER BY r.iso_year DESC, r.week DESC
LIMIT 1
