-- One quarantine row per broken cell, and one per line DuckDB could not read, named by the header as written.
-- Parameters: $load_id, $file_name, $sheet, $fields/$headers (field -> header), $rules/$messages (rule -> text
-- with {value}), $column_fields (the field of each CSV position, 1-based).
INSERT INTO audit.quarantine BY NAME
SELECT $load_id AS load_id, $file_name AS file_name, $sheet AS sheet, row_number,
       coalesce(MAP($fields, $headers)[problem.field], problem.field) AS column_name,
       problem.value AS value, problem.rule AS rule,
       replace(MAP($rules, $messages)[problem.rule], '{value}', coalesce(problem.value, '')) AS message
FROM (SELECT row_number, unnest(problems) AS problem FROM raw.customs_platform
      WHERE load_id = $load_id AND problems IS NOT NULL)
UNION ALL
SELECT $load_id, $file_name, $sheet, line,
       coalesce(MAP($fields, $headers)[$column_fields[column_idx::BIGINT]], '第' || column_idx || '列'),
       trim(csv_line, E'\r\n'), 'csv_format',
       replace(MAP($rules, $messages)['csv_format'], '{value}', error_message)
FROM (SELECT line, min(column_idx) AS column_idx, any_value(csv_line) AS csv_line,
             any_value(error_message) AS error_message
      FROM customs_platform_rejects GROUP BY line);
