-- One quarantine row per broken cell of the rows loaded, named by the header as written, and one per line that has
-- no row: a broken quote (csv_format, named by its first broken field), a line too long to read (line_too_long) or
-- with bytes that are not UTF-8 (encoding), shown by its start. A NUL shows as \x00, as everywhere in quarantine.
-- Parameters: $load_id, $file_name, $sheet, $fields/$headers (field -> header), $rules/$messages (rule -> text with
-- {value}), $column_fields (the field of each CSV position, 1-based), $lines (line, rule, value, csv_column per line),
-- $read/$decoded (a cell a problem quotes as read, for a file read as latin-1, and its text).
INSERT INTO audit.quarantine BY NAME
WITH cells AS (
    SELECT row_number, coalesce(MAP($fields, $headers)[problem.field], problem.field) AS column_name,
           replace(coalesce(MAP($read, $decoded)[problem.value], problem.value), chr(0), '\x00') AS value,
           problem.rule AS rule
    FROM (SELECT row_number, unnest(problems) AS problem FROM raw.customs_platform
          WHERE load_id = $load_id AND problems IS NOT NULL)
),
lines AS (
    SELECT line.line AS row_number,
           coalesce(MAP($fields, $headers)[$column_fields[line.csv_column]], '第' || line.csv_column || '列')
               AS column_name,
           replace(line.value, chr(0), '\x00') AS value, line.rule AS rule
    FROM (SELECT unnest($lines::STRUCT(line BIGINT, rule VARCHAR, value VARCHAR, csv_column BIGINT)[]) AS line)
)
SELECT $load_id AS load_id, $file_name AS file_name, $sheet AS sheet, row_number, column_name, value, rule,
       replace(MAP($rules, $messages)[rule], '{value}', coalesce(value, '')) AS message
FROM (FROM cells UNION ALL FROM lines);
