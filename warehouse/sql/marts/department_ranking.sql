-- 周排序与红黑榜: a weighted score of each department's completion rates, week by week. Weights, caps and list
-- sizes come from reference/ranking.yaml (raw.ref_ranking_weights, raw.ref_settings): no code changes with them.
CREATE OR REPLACE TABLE marts.department_ranking AS
WITH settings AS (
    SELECT max(TRY_CAST(value AS DECIMAL(9, 4))) FILTER (WHERE key IN ('ranking.completion_rate_cap', 'ranking.cap'))
               AS default_cap,
           coalesce(max(TRY_CAST(value AS INTEGER)) FILTER (WHERE key = 'ranking.red_list_size'), 0) AS red_size,
           coalesce(max(TRY_CAST(value AS INTEGER)) FILTER (WHERE key = 'ranking.black_list_size'), 0) AS black_size
    FROM raw.ref_settings
),
-- A measure with no target for the department is judged against the best department of the week instead.
-- Rates are exact to 4 decimals, so the score is an exact sum of the rates score_detail shows.
rates AS (
    SELECT c.department_code, c.department_name, c.year, c.week, c.measure, w.weight,
           coalesce(w.cap, s.default_cap) AS cap,
           coalesce(c.completion_rate,
                    CAST(core.divide(c.actual_ytd, max(c.actual_ytd) OVER (PARTITION BY c.year, c.week, c.measure),
                                     0.0001) AS DECIMAL(9, 4)),
                    0) AS rate
    FROM marts.department_completion c
    JOIN raw.ref_ranking_weights w ON w.measure = c.measure
    CROSS JOIN settings s
),
used AS (
    SELECT *, CASE WHEN cap IS NULL THEN rate ELSE least(rate, cap) END AS used_rate FROM rates
),
scores AS (
    SELECT department_code, department_name, year, week,
           CAST(round(sum(weight * used_rate), 4) AS DECIMAL(9, 4)) AS score,
           string_agg(measure || ' ' || CAST(used_rate AS DECIMAL(9, 4))
                      || CASE WHEN used_rate < rate THEN '（封顶前 ' || CAST(rate AS DECIMAL(9, 4)) || '）' ELSE '' END
                      || '×' || CAST(weight AS DECIMAL(9, 4)),
                      '; ' ORDER BY measure) AS score_detail
    FROM used GROUP BY ALL
),
ranked AS (
    SELECT *, rank() OVER (PARTITION BY year, week ORDER BY score DESC) AS rank,
           rank() OVER (PARTITION BY year, week ORDER BY score ASC) AS rank_from_bottom
    FROM scores
)
SELECT r.department_code, r.department_name, r.year, r.week, r.score, r.rank,
       CASE WHEN r.rank <= s.red_size THEN 'red' WHEN r.rank_from_bottom <= s.black_size THEN 'black' END AS list,
       w.reported, r.score_detail
FROM ranked r
CROSS JOIN settings s
JOIN marts.department_weekly w USING (department_code, year, week)
ORDER BY r.year, r.week, r.rank, r.department_code;

COMMENT ON TABLE marts.department_ranking IS '全员招商周排序与红黑榜 weekly department ranking: a weighted score of year-to-date completion rates, with the red (top) and black (bottom) lists; weights, caps and list sizes from reference/ranking.yaml';
COMMENT ON COLUMN marts.department_ranking.department_code IS '部门代码 department code';
COMMENT ON COLUMN marts.department_ranking.department_name IS '部门名称 department name';
COMMENT ON COLUMN marts.department_ranking.year IS 'ISO年 ISO year';
COMMENT ON COLUMN marts.department_ranking.week IS 'ISO周 ISO week';
COMMENT ON COLUMN marts.department_ranking.score IS '得分 = Σ 权重 × min(完成率, 上限)；无部门目标的指标按本周最好部门的比值计 score: sum of weight x capped completion rate; a measure without a department target is rated against the best department of the week';
COMMENT ON COLUMN marts.department_ranking.rank IS '名次（1 = 最好，同分同名次）rank, 1 = best, ties share a rank';
COMMENT ON COLUMN marts.department_ranking.list IS '红黑榜：red = 红榜（前N名），black = 黑榜（后N名），空 = 都不是 red list (top N), black list (bottom N) or NULL';
COMMENT ON COLUMN marts.department_ranking.reported IS '本周是否报送 whether the department reported this week';
COMMENT ON COLUMN marts.department_ranking.score_detail IS '得分构成（指标 计分比值×权重；封顶的注明封顶前的比值）how the score is made: measure, the rate the score used (capped where capped, the uncapped rate in brackets) × weight';
