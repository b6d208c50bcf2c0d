-- 签约项目数、签约投资额的认定值与认定项目清单不一致 A confirmed figure for signed projects or investment disagrees with the bureau's confirmed project list.
-- severity: warn
-- checks: marts.kpi_completion
-- A warning, not a block: the fix is a corrected file from the bureau, and holding back the whole build would
-- keep every department and customs update from analysts meanwhile. Years with no project list are not compared.
WITH figures AS (
    SELECT year, month, metric_code, actual, confirmed_on, source_file
    FROM marts.kpi_completion
    WHERE basis = 'confirmed' AND metric_code IN ('signed_projects', 'signed_investment')
      AND year IN (SELECT DISTINCT year(signed_on) FROM core.projects WHERE bureau_confirmed)
),
listed AS (
    -- The projects the bureau had confirmed as signed by the date of the figure, signed within its period.
    SELECT f.year, f.month, f.metric_code,
           count(p.project_id) AS listed_projects,
           coalesce(sum(p.total_investment_yi_yuan), 0) AS listed_investment_yi_yuan
    FROM figures f
    LEFT JOIN core.projects p
      ON p.bureau_confirmed
     AND p.signed_on BETWEEN make_date(f.year, 1, 1) AND last_day(make_date(f.year, f.month, 1))
     AND (SELECT min(k.confirmed_on) FROM core.project_mention_keys k
          WHERE k.project_id = p.project_id AND k.source = 'bureau' AND core.stage_rank(k.stage) >= 2)
         <= f.confirmed_on
    GROUP BY ALL
)
SELECT f.year, f.month, f.metric_code, f.actual AS confirmed_figure,
       CASE f.metric_code WHEN 'signed_projects' THEN l.listed_projects
                          ELSE l.listed_investment_yi_yuan END AS from_project_list,
       l.listed_projects, f.confirmed_on, f.source_file
FROM figures f JOIN listed l USING (year, month, metric_code)
WHERE f.actual <> CASE f.metric_code WHEN 'signed_projects' THEN l.listed_projects
                                     ELSE l.listed_investment_yi_yuan END
ORDER BY f.year, f.month, f.metric_code;
