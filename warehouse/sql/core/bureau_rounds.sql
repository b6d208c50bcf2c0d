-- Each bureau file in force is a confirmation round: the period it speaks for and when it was confirmed. The
-- period is the last month of its signed-project figures; else of any figure in it; else (a file with only a
-- project list) the month before its latest confirmation date, since the bureau confirms a month in the next;
-- else the month before it arrived.
CREATE OR REPLACE TABLE core.bureau_rounds AS
WITH figures AS (
    SELECT load_id,
           max(last_day(make_date(year, month_to, 1))) FILTER (WHERE metric_code IN ('signed_projects', 'signed_investment'))
               AS signed_end,
           max(last_day(make_date(year, month_to, 1))) AS any_end,
           max(confirmed_on) AS confirmed_on
    FROM raw.bureau_kpi GROUP BY load_id
),
projects AS (
    SELECT load_id, max(confirmed_on) AS confirmed_on FROM raw.bureau_projects GROUP BY load_id
)
SELECT l.load_id, l.file_name,
       coalesce(f.signed_end, f.any_end,
                CAST(date_trunc('month', coalesce(p.confirmed_on, CAST(l.received_at AS DATE))) - INTERVAL 1 DAY AS DATE))
           AS as_of,
       greatest(f.confirmed_on, p.confirmed_on) AS confirmed_on,
       l.received_at,
       f.load_id IS NOT NULL AS has_figures,
       p.load_id IS NOT NULL AS has_projects
FROM core.active_loads l
LEFT JOIN figures f USING (load_id)
LEFT JOIN projects p USING (load_id)
WHERE l.source = 'bureau' AND (f.load_id IS NOT NULL OR p.load_id IS NOT NULL);

COMMENT ON TABLE core.bureau_rounds IS '市商务局认定批次（每个在用文件一行）bureau confirmation rounds, one per bureau file in force: the period it speaks for and when it was confirmed';
COMMENT ON COLUMN core.bureau_rounds.load_id IS '载入编号 load id';
COMMENT ON COLUMN core.bureau_rounds.file_name IS '文件名 file name';
COMMENT ON COLUMN core.bureau_rounds.as_of IS '截至日期（所认定期间的最后一天）the last day of the period the round speaks for';
COMMENT ON COLUMN core.bureau_rounds.confirmed_on IS '认定日期（文件中最晚的）the latest confirmation date in the file';
COMMENT ON COLUMN core.bureau_rounds.received_at IS '收到时间 when the file landed';
COMMENT ON COLUMN core.bureau_rounds.has_figures IS '含指标认定 the file confirms figures';
COMMENT ON COLUMN core.bureau_rounds.has_projects IS '含项目认定 the file lists projects';
