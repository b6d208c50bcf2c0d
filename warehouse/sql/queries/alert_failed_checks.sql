-- Checks whose latest result failed, information left out: what the daily digest still counts as open.
SELECT check_name, table_name, severity, failing_rows, description
FROM (SELECT * FROM audit.check_results
      QUALIFY row_number() OVER (PARTITION BY check_name, table_name ORDER BY checked_at DESC) = 1)
WHERE NOT passed AND severity <> 'information'
ORDER BY severity, table_name, check_name;
