-- 部门填报已签约、市商务局尚未认定的项目（提示信息，不是错误）Projects departments report as signed that the bureau has not confirmed (information, not a failure).
-- column signed_after_latest_round: 签约晚于最近一轮认定
-- checks: core.projects
SELECT p.project_id, p.project_name, p.investor, p.signed_on, p.total_investment_yi_yuan,
       (SELECT string_agg(d.department_name, '、' ORDER BY d.department_code) FROM core.departments d
        WHERE list_contains(p.reporting_department_codes, d.department_code)) AS reported_by,
       p.signed_on > (SELECT max(as_of) FROM core.project_mentions WHERE source = 'bureau')
           AS signed_after_latest_round
FROM core.projects p
WHERE p.stage IS NOT NULL AND p.stage_rank >= 2 AND NOT p.bureau_confirmed
ORDER BY p.signed_on, p.project_name;
