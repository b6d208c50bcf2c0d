-- 数据字典: every table and column of the warehouse with its comments, for tools that show no comments; the
-- Chinese names (the leading words of each comment) are the names the zh views use.
CREATE OR REPLACE TABLE marts.data_dictionary (
    schema_name VARCHAR,
    table_name VARCHAR,
    table_zh VARCHAR,
    zh_view VARCHAR,
    table_comment VARCHAR,
    column_index INTEGER,
    column_name VARCHAR,
    column_zh VARCHAR,
    data_type VARCHAR,
    column_comment VARCHAR
);

-- Commented before it is filled, so the dictionary lists its own columns with their comments.
COMMENT ON TABLE marts.data_dictionary IS '数据字典（每张表每一列一行，含中英文说明和中文名）every table and column of the warehouse with its comments and Chinese names, for tools that show no comments';
COMMENT ON COLUMN marts.data_dictionary.schema_name IS '模式 schema: marts, core, raw or audit';
COMMENT ON COLUMN marts.data_dictionary.table_name IS '表名 table name';
COMMENT ON COLUMN marts.data_dictionary.table_zh IS '表中文名（表说明开头的中文名）Chinese table name, the leading words of its comment';
COMMENT ON COLUMN marts.data_dictionary.zh_view IS '中文视图（仅marts）the zh view giving the table Chinese names (marts only)';
COMMENT ON COLUMN marts.data_dictionary.table_comment IS '表说明 table comment, Chinese then English';
COMMENT ON COLUMN marts.data_dictionary.column_index IS '列序号 column position';
COMMENT ON COLUMN marts.data_dictionary.column_name IS '列名 column name';
COMMENT ON COLUMN marts.data_dictionary.column_zh IS '列中文名（列说明开头的中文名，没有则为英文列名）Chinese column name, the leading words of its comment; the English name where there are none';
COMMENT ON COLUMN marts.data_dictionary.data_type IS '数据类型 data type';
COMMENT ON COLUMN marts.data_dictionary.column_comment IS '列说明 column comment, Chinese then English';

INSERT INTO marts.data_dictionary
WITH objects AS (
    SELECT schema_name, table_name, comment FROM duckdb_tables()
    WHERE database_name = current_database() AND schema_name IN ('marts', 'core', 'raw', 'audit')
    UNION ALL
    SELECT schema_name, view_name, comment FROM duckdb_views()
    WHERE database_name = current_database() AND schema_name IN ('marts', 'core', 'raw', 'audit') AND NOT internal
),
-- A comment opens with a short Chinese name (core.chinese_name).
named_objects AS (
    SELECT *, core.chinese_name(comment) AS leading_words
    FROM objects
),
tables AS (
    SELECT schema_name, table_name, comment,
           CASE WHEN leading_words IS NULL THEN table_name
                -- Two tables of a schema with the same leading words keep both apart by their own names.
                WHEN count(*) OVER (PARTITION BY schema_name, leading_words) > 1 THEN leading_words || '_' || table_name
                ELSE leading_words END AS table_zh
    FROM named_objects
),
columns AS (
    SELECT c.schema_name, c.table_name, c.column_index, c.column_name, c.data_type, c.comment,
           core.chinese_name(c.comment) AS leading_words
    FROM duckdb_columns() c
    JOIN objects o USING (schema_name, table_name)
    WHERE c.database_name = current_database()
)
SELECT t.schema_name, t.table_name, t.table_zh,
       CASE WHEN t.schema_name = 'marts' THEN 'zh."' || replace(t.table_zh, '"', '""') || '"' END AS zh_view,
       t.comment AS table_comment,
       c.column_index, c.column_name,
       -- A column without a Chinese name keeps its English one; two with the same name keep theirs beside it.
       CASE WHEN c.leading_words IS NULL THEN c.column_name
            WHEN count(*) OVER (PARTITION BY c.schema_name, c.table_name, c.leading_words) > 1
                THEN c.leading_words || '_' || c.column_name
            ELSE c.leading_words END AS column_zh,
       c.data_type, c.comment AS column_comment
FROM tables t
JOIN columns c USING (schema_name, table_name)
ORDER BY list_position(['marts', 'core', 'raw', 'audit'], t.schema_name), t.table_name, c.column_index;
