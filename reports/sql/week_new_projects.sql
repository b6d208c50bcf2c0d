-- Signed projects first reported in the week, with who reported them.
SELECT project_name, total_investment_yi_yuan, signed_on, array_to_string(reported_by, '、') AS reported_by
FROM marts.department_signed_projects
WHERE iso_year = $iso_year AND first_reported_week = $iso_week
ORDER BY total_investment_yi_yuan DESC NULLS LAST, project_name;
