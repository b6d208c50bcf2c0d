-- 多个部门填报的同一项目或企业（全区合计只计一次）Projects and enterprises several departments reported: counted once in district totals.
-- column kind: 类别
-- column name: 名称
-- checks: marts.department_totals
SELECT iso_year, '签约项目' AS kind, project_name AS name, reported_by
FROM marts.department_signed_projects
WHERE reporting_departments > 1
UNION ALL
SELECT iso_year, '注册企业', enterprise_name || '（' || uscc || '）', reported_by
FROM marts.department_enterprises
WHERE reporting_departments > 1
ORDER BY iso_year, kind, name;
