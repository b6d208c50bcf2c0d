-- The columns every raw table shares, saying where a row came from, explained once: the rows this query returns
-- are applied as COMMENT ON COLUMN to each raw table holding such a column (warehouse/database.prepare).
WITH shared(column_name, comment) AS (VALUES
    ('load_id', '读取编号（audit.loads）load id: the file load the row came from, see audit.loads'),
    ('file_name', '文件名 the file the row was read from, as dropped'),
    ('sheet', '工作表 the sheet the row was read from'),
    ('row_number', '行号（Excel行号或CSV行号）the row as Excel numbers it, or the CSV line'),
    ('extra_columns', '附加列（JSON：表头→单元格）columns a clerk added to the form, {header as written: cell}, kept beside the row')
)
SELECT c.schema_name, c.table_name, c.column_name, s.comment
FROM duckdb_columns() c JOIN shared s USING (column_name)
WHERE c.database_name = current_database() AND c.schema_name = 'raw'
ORDER BY ALL;
