-- 同一指标同一期间，两个来源的数值不一致 Two sources give the same KPI figure differently: both values and files.
-- column used_source: 采用的来源
-- column used_value: 采用的数值
-- column used_file: 采用的文件
-- column other_source: 另一来源
-- column other_value: 另一来源的数值
-- column other_file: 另一来源的文件
-- severity: warn
-- A warning, not a block: the fix is a corrected file from whoever sent it, and holding back the build would keep
-- every other update from analysts meanwhile. used_* is the figure marts.kpi_completion shows.
SELECT a.year, a.month, a.metric_code, a.basis,
       a.source AS used_source, a.actual AS used_value, a.source_file AS used_file,
       b.source AS other_source, b.actual AS other_value, b.source_file AS other_file
FROM marts.kpi_candidates a
JOIN marts.kpi_candidates b USING (year, month, metric_code, basis)
WHERE a.precedence < b.precedence AND a.actual <> b.actual
  AND a.precedence = (SELECT min(c.precedence) FROM marts.kpi_candidates c
                      WHERE (c.year, c.month, c.metric_code, c.basis) = (a.year, a.month, a.metric_code, a.basis))
ORDER BY a.year, a.month, a.metric_code, a.basis, b.source;
