-- 中文视图: one view in schema zh per mart, with the Chinese names of marts.data_dictionary. Each row is one
-- view; identifiers are quoted here (a double quote doubled), literals by the caller. A column whose comment says
-- `core.codes: <list>` shows each code as its Chinese label there (a code the list lacks as itself), so a
-- Chinese reader sees 达成 and 认定, never achieved and confirmed; the mart itself keeps the codes.
WITH columns AS (
    SELECT *, nullif(regexp_extract(column_comment, 'core\.codes: ([a-z_]+)', 1), '') AS code_list,
           'm."' || replace(column_name, '"', '""') || '"' AS mart_column
    FROM marts.data_dictionary
    WHERE schema_name = 'marts'
)
SELECT table_name,
       zh_view,
       any_value(table_comment) AS table_comment,
       string_agg(CASE WHEN code_list IS NULL THEN mart_column
                       -- code_list is [a-z_]+ by the pattern that found it, so it needs no quoting.
                       ELSE 'coalesce((SELECT c.label FROM core.codes c WHERE c.list = ''' || code_list
                            || ''' AND c.value = ' || mart_column || '), ' || mart_column || ')' END
                  || ' AS "' || replace(column_zh, '"', '""') || '"',
                  ', ' ORDER BY column_index) AS select_list,
       list({'column': column_zh, 'comment': column_comment} ORDER BY column_index) AS columns
FROM columns
GROUP BY table_name, zh_view
ORDER BY table_name;
