-- 无法确定是否同一项目的记录（未合并，请核对名称和投资方）Project rows the warehouse would not match by guessing: check the name and investor.
SELECT reason, explanation, project_name, investor, candidates, source, file_name, sheet, row_number
FROM core.project_ambiguous_matches
ORDER BY name_key, reason, file_name, sheet, row_number;
