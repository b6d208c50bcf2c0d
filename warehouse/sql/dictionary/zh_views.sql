-- 中文视图: one view in schema zh per mart, with the Chinese names of marts.data_dictionary. Each row is one
-- view; identifiers are quoted here (a double quote doubled), literals by the caller.
SELECT table_name,
       zh_view,
       any_value(table_comment) AS table_comment,
       string_agg('"' || replace(column_name, '"', '""') || '" AS "' || replace(column_zh, '"', '""') || '"',
                  ', ' ORDER BY column_index) AS select_list,
       list({'column': column_zh, 'comment': column_comment} ORDER BY column_index) AS columns
FROM marts.data_dictionary
WHERE schema_name = 'marts'
GROUP BY table_name, zh_view
ORDER BY table_name;
