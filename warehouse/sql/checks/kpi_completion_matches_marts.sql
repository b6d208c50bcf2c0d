-- 完成情况表引用其他表的数与该表一致 Every figure the completion table takes from another mart equals that mart's: the funnel's confirmed signings, the district's trade, the department totals.
-- column expected: 来源表中的数
-- column source_table: 来源表
-- checks: marts.kpi_completion
-- An invariant: the completion table quotes other marts; a figure it shows differently from where it says it
-- comes from would be two values for one figure.
SELECT c.year, c.month, c.metric_code, c.basis, c.source, c.actual, x.expected, x.source_table
FROM marts.kpi_completion c
JOIN (
    SELECT year, month, 'signed_projects' AS metric_code, 'bureau_projects' AS source,
           CAST(signed_confirmed AS DECIMAL(18, 4)) AS expected, 'marts.pipeline_funnel' AS source_table
    FROM marts.pipeline_funnel
    UNION ALL
    SELECT year, month, 'trade_total', 'customs', total_ytd_wan_yuan, 'marts.trade_monthly'
    FROM marts.trade_monthly
    UNION ALL
    SELECT iso_year, month, 'signed_projects', 'departments', signed_projects, 'marts.department_totals'
    FROM marts.department_totals QUALIFY week = max(week) OVER (PARTITION BY iso_year, month)
    UNION ALL
    SELECT iso_year, month, 'signed_investment', 'departments', signed_investment_yi_yuan, 'marts.department_totals'
    FROM marts.department_totals QUALIFY week = max(week) OVER (PARTITION BY iso_year, month)
) x USING (year, month, metric_code, source)
WHERE c.actual IS DISTINCT FROM x.expected
ORDER BY c.year, c.month, c.metric_code, c.basis;
