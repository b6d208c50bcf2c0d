-- The distinct signed projects departments reported in the year by the period's week, largest first.
SELECT project_name, total_investment_yi_yuan, yi_project, signed_on, reported_by
FROM marts.department_signed_projects
WHERE iso_year = $iso_year AND first_reported_week <= $iso_week
ORDER BY total_investment_yi_yuan DESC NULLS LAST, signed_on, project_name;
