-- 全区合计的活动数等于各部门周报累计之和 The district's activity counts equal the sum of every department's year-to-date counts for the same week.
-- column measure: 指标
-- column district: 全区合计
-- column departments_sum: 各部门累计之和
-- checks: marts.department_totals
-- An invariant: an activity is one department's and counts once (unlike a project several report), and both
-- marts read core.department_activity_counts.
WITH departments AS (
    SELECT iso_year, week, sum(trips_ytd) AS trips, sum(enterprises_visited_ytd) AS enterprises_visited,
           sum(investor_meetings_ytd) AS investor_meetings
    FROM marts.department_weekly GROUP BY ALL
)
SELECT t.iso_year, t.week, m.measure, m.district, m.departments_sum
FROM marts.department_totals t
JOIN departments d USING (iso_year, week)
CROSS JOIN LATERAL (VALUES ('trips', t.trips, d.trips),
                           ('enterprises_visited', t.enterprises_visited, d.enterprises_visited),
                           ('investor_meetings', t.investor_meetings, d.investor_meetings))
    AS m(measure, district, departments_sum)
WHERE m.district IS DISTINCT FROM m.departments_sum
ORDER BY t.iso_year, t.week, m.measure;
