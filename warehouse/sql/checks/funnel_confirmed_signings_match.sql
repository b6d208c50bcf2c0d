-- 漏斗的认定签约数与完成情况表的认定项目清单数一致 The funnel's confirmed signings equal the completion table's count of the bureau's list for the same month.
-- column list_count: 认定项目清单个数
-- column list_file: 认定项目清单文件
-- checks: marts.pipeline_funnel
-- An invariant: both read core.signings_to_date, so a difference means one of them stopped reading it.
SELECT f.year, f.month, f.signed_confirmed, k.actual AS list_count, k.source_file AS list_file
FROM marts.pipeline_funnel f
JOIN marts.kpi_candidates k
  ON k.year = f.year AND k.month = f.month AND k.metric_code = 'signed_projects' AND k.source = 'bureau_projects'
WHERE k.actual <> f.signed_confirmed
ORDER BY f.year, f.month;
