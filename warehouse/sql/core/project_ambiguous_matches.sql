-- Matches the warehouse would not guess: the same name with different investors, a name without an investor
-- that fits several projects (one row per mention), and one investor's projects whose names contain one another
-- (one row per project, at its first mention). `candidates` holds the investors, or the other project names.
CREATE OR REPLACE TABLE core.project_ambiguous_matches AS
WITH contained AS (
    SELECT DISTINCT a.project_id, b.project_name AS other_name
    FROM core.project_mention_keys a
    JOIN core.project_mention_keys b
      ON a.entity_investor_key = b.entity_investor_key AND a.name_key <> b.name_key
     AND length(a.name_key) > 1 AND length(b.name_key) > 1
     AND (contains(a.name_key, b.name_key) OR contains(b.name_key, a.name_key))
),
first_mention AS (
    SELECT * FROM core.project_mention_keys
    QUALIFY row_number() OVER (PARTITION BY project_id ORDER BY source, file_name, sheet, row_number) = 1
)
SELECT 'same_name_different_investors' AS reason,
       '同名项目的投资方不同，未合并 same project name, different investors: kept apart' AS explanation,
       name_key, project_id, source, file_name, sheet, row_number, project_name, investor,
       investor_candidates AS candidates
FROM core.project_mention_keys
WHERE len(investor_keys) > 1 AND investor_key IS NOT NULL
UNION ALL
SELECT 'no_investor_several_candidates',
       '未填投资方，同名项目有多个投资方，无法判断 no investor written and several projects bear this name',
       name_key, project_id, source, file_name, sheet, row_number, project_name, investor, investor_candidates
FROM core.project_mention_keys
WHERE len(investor_keys) > 1 AND investor_key IS NULL
UNION ALL
SELECT 'similar_name_same_investor',
       '同一投资方的项目名称相互包含，未合并 one investor, names contained in one another: kept apart',
       f.name_key, f.project_id, f.source, f.file_name, f.sheet, f.row_number, f.project_name, f.investor,
       list(DISTINCT s.other_name ORDER BY s.other_name)
FROM first_mention f JOIN contained s USING (project_id)
GROUP BY ALL;

COMMENT ON TABLE core.project_ambiguous_matches IS '无法确定是否同一项目的记录（未合并，请核对）project rows the warehouse would not match by guessing: check the name and investor';
COMMENT ON COLUMN core.project_ambiguous_matches.reason IS '原因代码 reason code';
COMMENT ON COLUMN core.project_ambiguous_matches.explanation IS '说明 explanation';
COMMENT ON COLUMN core.project_ambiguous_matches.name_key IS '名称比对键 the name key';
COMMENT ON COLUMN core.project_ambiguous_matches.project_id IS '项目编号 project id the row was kept under';
COMMENT ON COLUMN core.project_ambiguous_matches.source IS '来源 source';
COMMENT ON COLUMN core.project_ambiguous_matches.file_name IS '文件名 file name';
COMMENT ON COLUMN core.project_ambiguous_matches.sheet IS '工作表 sheet';
COMMENT ON COLUMN core.project_ambiguous_matches.row_number IS '行号 row';
COMMENT ON COLUMN core.project_ambiguous_matches.project_name IS '项目名称（原文）project name as written';
COMMENT ON COLUMN core.project_ambiguous_matches.investor IS '投资方（原文）investor as written';
COMMENT ON COLUMN core.project_ambiguous_matches.candidates IS '候选（投资方或相近名称）the investors, or the other project names';
