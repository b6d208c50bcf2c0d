-- The date the warehouse judges at (what is overdue, how long a project has been in its stage): as_of in
-- reference/calendar.yaml, to look at a home as of a past date, else the day of the run in Asia/Shanghai.
CREATE OR REPLACE TABLE core.as_of AS
SELECT coalesce(max(TRY_CAST(value AS DATE)), CAST(timezone('Asia/Shanghai', now()) AS DATE)) AS as_of,
       count(value) > 0 AS set_in_reference
FROM raw.ref_settings
WHERE key = 'calendar.as_of';

COMMENT ON TABLE core.as_of IS '判断日期（一行）the date the warehouse judges overdue reports and days in stage at: reference/calendar.yaml as_of, else the day of the run (Asia/Shanghai)';
COMMENT ON COLUMN core.as_of.as_of IS '判断日期 the as-of date';
COMMENT ON COLUMN core.as_of.set_in_reference IS '是否指定（calendar.yaml中设置）true when calendar.yaml sets it';
