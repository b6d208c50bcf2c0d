-- 年初至月末签约项目: the one definition of "projects signed in the year to date", counted by signing date over
-- the projects as the warehouse knows them now, and of those on the bureau's confirmed list. The funnel's signed
-- figures and the completion table's bureau_projects figures both read it, so they cannot differ.
CREATE OR REPLACE TABLE core.signings_to_date AS
WITH years AS (
    SELECT year(as_of) AS year FROM core.project_mentions WHERE as_of IS NOT NULL
    UNION SELECT year(signed_on) FROM core.projects WHERE signed_on IS NOT NULL
),
months AS (
    SELECT y.year, CAST(m.month AS INTEGER) AS month, last_day(make_date(y.year, CAST(m.month AS INTEGER), 1)) AS month_end
    FROM years y CROSS JOIN range(1, 13) m(month)
)
SELECT m.year, m.month, m.month_end,
       count(p.project_id) AS signed_projects,
       count(p.project_id) FILTER (WHERE p.bureau_confirmed) AS confirmed_projects,
       CAST(coalesce(sum(p.total_investment_yi_yuan) FILTER (WHERE p.bureau_confirmed), 0) AS DECIMAL(18, 4))
           AS confirmed_investment_yi_yuan,
       count(p.project_id) FILTER (WHERE p.bureau_confirmed)
           = count(p.total_investment_yi_yuan) FILTER (WHERE p.bureau_confirmed) AS confirmed_amounts_known
FROM months m
LEFT JOIN core.projects p ON p.signed_on BETWEEN make_date(m.year, 1, 1) AND m.month_end
GROUP BY ALL
ORDER BY m.year, m.month;

COMMENT ON TABLE core.signings_to_date IS '年初至月末签约项目数（按签约日期；其中市商务局认定的个数与总投资）projects signed in the year to date by each month end, by signing date, and of them the ones on the bureau''s confirmed list: the one definition marts.pipeline_funnel and marts.kpi_candidates read';
COMMENT ON COLUMN core.signings_to_date.year IS '年份 year';
COMMENT ON COLUMN core.signings_to_date.month IS '截至月份 last month of the year-to-date period';
COMMENT ON COLUMN core.signings_to_date.month_end IS '月末日期 last day of the month';
COMMENT ON COLUMN core.signings_to_date.signed_projects IS '签约项目数（部门填报或市商务局认定，签约日期在年初至月末）projects signed from 1 January to the month end, whoever reported them';
COMMENT ON COLUMN core.signings_to_date.confirmed_projects IS '其中市商务局认定的项目数 of which on the bureau''s confirmed list';
COMMENT ON COLUMN core.signings_to_date.confirmed_investment_yi_yuan IS '认定项目总投资（亿元）total investment of the confirmed ones, 亿元';
COMMENT ON COLUMN core.signings_to_date.confirmed_amounts_known IS '认定项目总投资是否都已知 true when every confirmed project has an amount (else the total is short)';
