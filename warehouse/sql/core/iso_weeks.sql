-- Every ISO week of the years anything was reported in or any department owes reports from (departments.csv
-- reports_from, the years of department_targets.csv), up to the year of the as-of date, with the calendar
-- month, quarter and half it belongs to. One rule places a week that spans two months: it belongs to the month
-- of its Thursday, as an ISO week belongs to the year of its Thursday; so a week's ISO year is also the year
-- of its month, quarter and half, and a quarter never straddles two years.
CREATE OR REPLACE TABLE core.iso_weeks AS
WITH span AS (
    SELECT least(min(r.period_start), min(a.as_of), (SELECT min(reports_from) FROM raw.ref_departments),
                 (SELECT make_date(min(year), 1, 4) FROM raw.ref_department_targets)) AS first_day,
           greatest(max(r.period_end), max(a.as_of)) AS last_day
    FROM core.as_of a LEFT JOIN core.department_reports r ON true
),
mondays AS (
    SELECT CAST(unnest(generate_series(date_trunc('week', make_date(year(first_day), 1, 4)),
                                       make_date(year(last_day) + 1, 1, 3), INTERVAL 7 DAY)) AS DATE) AS week_start
    FROM span
)
SELECT CAST(isoyear(week_start) AS INTEGER) AS iso_year, CAST(week(week_start) AS INTEGER) AS week,
       week_start, CAST(week_start + 6 AS DATE) AS week_end,
       CAST(month(week_start + 3) AS INTEGER) AS month,
       CAST(quarter(week_start + 3) AS INTEGER) AS quarter,
       CASE WHEN month(week_start + 3) <= 6 THEN 1 ELSE 2 END AS half,
       printf('%d-W%02d', isoyear(week_start), week(week_start)) AS label
FROM mondays
ORDER BY week_start;

COMMENT ON TABLE core.iso_weeks IS 'ISO周历（每周一行）ISO weeks with the calendar month, quarter and half each belongs to: a week belongs to the month of its Thursday, so its ISO year is also the year of that month';
COMMENT ON COLUMN core.iso_weeks.iso_year IS 'ISO年（也是所属月份的年份）ISO year, also the year of the week''s month';
COMMENT ON COLUMN core.iso_weeks.week IS 'ISO周 ISO week';
COMMENT ON COLUMN core.iso_weeks.week_start IS '周一 Monday of the week';
COMMENT ON COLUMN core.iso_weeks.week_end IS '周日 Sunday of the week';
COMMENT ON COLUMN core.iso_weeks.month IS '所属月份（周四所在月）month the week belongs to: the month of its Thursday';
COMMENT ON COLUMN core.iso_weeks.quarter IS '所属季度 quarter of that month';
COMMENT ON COLUMN core.iso_weeks.half IS '所属半年（1 = 上半年，2 = 下半年）half year of that month';
COMMENT ON COLUMN core.iso_weeks.label IS '周标签 label such as 2024-W26';
