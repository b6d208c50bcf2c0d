-- A mention without an investor joins the only project of its name; with two or more candidates it stays apart.
-- project_id is stable across runs: made from the name key and the investor key the mention joins.
CREATE OR REPLACE TABLE core.project_mention_keys AS
WITH keyed AS (
    SELECT *, core.name_key(project_name) AS name_key, core.investor_key(investor) AS investor_key
    FROM core.project_mentions
),
candidates AS (
    SELECT name_key, list(DISTINCT investor_key ORDER BY investor_key) AS investor_keys,
           list(DISTINCT investor ORDER BY investor) AS investors_written
    FROM keyed WHERE investor_key IS NOT NULL GROUP BY name_key
),
joined AS (
    SELECT k.*,
           CASE WHEN k.investor_key IS NOT NULL THEN k.investor_key
                WHEN len(c.investor_keys) = 1 THEN c.investor_keys[1] END AS entity_investor_key,
           coalesce(c.investor_keys, []) AS investor_keys,
           coalesce(c.investors_written, []) AS investor_candidates
    FROM keyed k LEFT JOIN candidates c USING (name_key)
)
SELECT *, 'P' || substr(md5(name_key || '|' || coalesce(entity_investor_key, '')), 1, 10) AS project_id
FROM joined;

COMMENT ON TABLE core.project_mention_keys IS '项目出现记录及其比对键 every project mention with the keys it is matched on and the project it joins';
COMMENT ON COLUMN core.project_mention_keys.name_key IS '项目名称比对键（core.name_key）the project name''s comparison key';
COMMENT ON COLUMN core.project_mention_keys.investor_key IS '投资方比对键（core.investor_key，空 = 未写投资方）the investor''s comparison key, NULL where none is written';
COMMENT ON COLUMN core.project_mention_keys.entity_investor_key IS '所并入项目的投资方键 the investor key of the project the mention joins: its own, else the only one its name has, else NULL';
COMMENT ON COLUMN core.project_mention_keys.investor_keys IS '同名项目的投资方键 every investor key mentions of this name carry';
COMMENT ON COLUMN core.project_mention_keys.investor_candidates IS '同名项目的投资方（原文）the investors, as written, of mentions of this name';
COMMENT ON COLUMN core.project_mention_keys.project_id IS '项目编号（由名称键和投资方键生成，各次运行不变）project id, made from the name and investor keys: stable across runs';
