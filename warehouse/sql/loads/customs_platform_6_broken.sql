-- The lines that did not split, found by a second read by position (only when the count of lines says some are
-- missing from raw): position counts the rows DuckDB gives, from the first data line on; the loader turns it into
-- the line in the file. Parameters: as step 4, and $rows (the rows DuckDB gives: appended and broken).
SELECT position, broken_line, broken_column
FROM customs_platform_cells($path, $parts, $skip, $read_as, $line_bytes, $width, $columns,
                            'customs_platform_broken_rejects')
POSITIONAL JOIN range($rows) AS positions(position)
WHERE broken;
