-- Projects departments report as signed in the year by the period's end that the bureau has not confirmed.
SELECT project_name, investor, signed_on, total_investment_yi_yuan, array_to_string(departments, '、') AS departments
FROM marts.project_pipeline
WHERE stage IN ('签约', '履约', '开工', '投产') AND NOT bureau_confirmed
  AND signed_on BETWEEN make_date($year, 1, 1) AND last_day(make_date($year, $month, 1))
ORDER BY signed_on, project_name;
