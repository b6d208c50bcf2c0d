-- The completion table `make run` prints, with the Chinese labels a 工作总结 uses.
SELECT year AS 年份, month AS 截至月, metric_name AS 指标, basis AS 口径, actual AS 完成, target AS 目标,
       unit AS 单位, completion_rate AS 完成率, time_progress AS 时间进度, gap_pp AS 差距_百分点, status AS 状态
FROM marts.kpi_latest
ORDER BY year, metric_code, basis;
