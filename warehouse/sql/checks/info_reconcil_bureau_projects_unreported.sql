-- 市商务局已认定但没有部门填报的项目 Projects the bureau confirmed that no department reported (a warning: department ledgers lag, publication goes on).
-- checks: core.projects
SELECT p.project_id, p.project_name, p.investor, p.stage, p.signed_on, p.total_investment_yi_yuan,
       d.department_name AS responsible_department
FROM core.projects p
LEFT JOIN core.departments d ON d.department_code = p.responsible_department_code
CROSS JOIN (SELECT min(period_start) AS first_day, max(period_end) AS last_day FROM core.department_reports) r
WHERE p.bureau_confirmed AND NOT p.reported_by_department
  AND p.signed_on BETWEEN r.first_day AND r.last_day  -- only where departments were reporting at the time
ORDER BY p.signed_on, p.project_name;
