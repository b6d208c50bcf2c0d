-- 周排序与红黑榜: a weighted score of each department's completion rates, week by week. Weights, caps and list
-- sizes come from reference/ranking.yaml (raw.ref_ranking_weights, raw.ref_settings): no code changes with them.
-- A department that has not sent what it owed by the week (reference/cadence.csv: a weekly department that
-- week's report, a monthly one its latest month due) is marked and left out of the ranks and the lists, unless
-- ranking.yaml sets black_list_unreported, which lists it black for that reason. A department that has sent
-- nothing yet is not ranked either (and, owing nothing before its start, on no list).
CREATE OR REPLACE TABLE marts.department_ranking AS
WITH settings AS (
    SELECT max(TRY_CAST(value AS DECIMAL(9, 4))) FILTER (WHERE key IN ('ranking.completion_rate_cap', 'ranking.cap'))
               AS default_cap,
           coalesce(max(TRY_CAST(value AS INTEGER)) FILTER (WHERE key = 'ranking.red_list_size'), 0) AS red_size,
           coalesce(max(TRY_CAST(value AS INTEGER)) FILTER (WHERE key = 'ranking.black_list_size'), 0) AS black_size,
           coalesce(bool_or(TRY_CAST(value AS BOOLEAN)) FILTER (WHERE key = 'ranking.black_list_unreported'), false)
               AS black_unreported
    FROM raw.ref_settings
),
-- A measure with no target for the department is judged against the best department of the week instead.
-- Rates are exact to 4 decimals, so the score is an exact sum of the rates score_detail shows.
rates AS (
    SELECT c.department_code, c.department_name, c.iso_year, c.week, c.measure, w.weight,
           coalesce(w.cap, s.default_cap) AS cap,
           coalesce(c.completion_rate,
                    CAST(core.divide(c.actual_ytd, max(c.actual_ytd) OVER (PARTITION BY c.iso_year, c.week, c.measure),
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
    SELECT department_code, department_name, iso_year, week,
           CAST(round(sum(weight * used_rate), 4) AS DECIMAL(9, 4)) AS score,
           string_agg(measure || ' ' || CAST(used_rate AS DECIMAL(9, 4))
                      || CASE WHEN used_rate < rate THEN '（封顶前 ' || CAST(rate AS DECIMAL(9, 4)) || '）' ELSE '' END
                      || '×' || CAST(weight AS DECIMAL(9, 4)),
                      '; ' ORDER BY measure) AS score_detail
    FROM used GROUP BY ALL
),
-- What the department owed by the end of the week: the latest period owed that counts in this week or before.
standing AS (
    SELECT s.department_code, s.iso_year, s.week,
           arg_max(o.covered, o.period_end) AS owed_sent,
           arg_max(o.period_label, o.period_end) AS owed_period
    FROM scores s
    JOIN core.department_obligations o
      ON o.department_code = s.department_code AND o.iso_year * 100 + o.week <= s.iso_year * 100 + s.week
    GROUP BY ALL
),
-- A department that has sent nothing by the week has no score of its own to rank, whatever it owes.
first_sent AS (
    SELECT department_code, min(year * 100 + week) AS first_week FROM core.department_reports GROUP BY department_code
),
judged AS (
    SELECT s.*, coalesce(f.first_week <= s.iso_year * 100 + s.week, false) AND coalesce(st.owed_sent, true) AS ranked,
           CASE WHEN NOT st.owed_sent THEN st.owed_period END AS owed_period
    FROM scores s
    LEFT JOIN standing st USING (department_code, iso_year, week)
    LEFT JOIN first_sent f USING (department_code)
),
ranked AS (
    SELECT department_code, iso_year, week,
           rank() OVER (PARTITION BY iso_year, week ORDER BY score DESC) AS rank,
           rank() OVER (PARTITION BY iso_year, week ORDER BY score ASC) AS rank_from_bottom
    FROM judged WHERE ranked
)
SELECT j.department_code, j.department_name, j.iso_year, j.week, c.month, c.quarter, c.half, j.score, r.rank,
       CASE WHEN r.rank <= s.red_size THEN 'red'
            WHEN r.rank_from_bottom <= s.black_size THEN 'black'
            WHEN j.owed_period IS NOT NULL AND s.black_unreported THEN 'black' END AS list,
       CASE WHEN r.rank <= s.red_size THEN printf('得分前%d名 top %d by score', s.red_size, s.red_size)
            WHEN r.rank_from_bottom <= s.black_size
                THEN printf('得分后%d名（并列的都列入）bottom %d by score, ties included', s.black_size, s.black_size)
            WHEN j.owed_period IS NOT NULL AND s.black_unreported
                THEN '未报送' || j.owed_period || ' did not send the report owed' END AS list_rule,
       w.reported, j.ranked, j.owed_period, j.score_detail
FROM judged j
CROSS JOIN settings s
LEFT JOIN ranked r USING (department_code, iso_year, week)
JOIN marts.department_weekly w USING (department_code, iso_year, week)
JOIN core.iso_weeks c ON c.iso_year = j.iso_year AND c.week = j.week
ORDER BY j.iso_year, j.week, r.rank NULLS LAST, j.department_code;

COMMENT ON TABLE marts.department_ranking IS '全员招商周排序与红黑榜 weekly department ranking: a weighted score of year-to-date completion rates, with the red (top) and black (bottom) lists; weights, caps and list sizes from reference/ranking.yaml; a department that has not sent what it owed, or has sent nothing yet, is not ranked';
COMMENT ON COLUMN marts.department_ranking.department_code IS '部门代码 department code';
COMMENT ON COLUMN marts.department_ranking.department_name IS '部门名称 department name';
COMMENT ON COLUMN marts.department_ranking.iso_year IS 'ISO年（也是本周所属月份的年份）ISO year, also the year of the week''s month';
COMMENT ON COLUMN marts.department_ranking.week IS 'ISO周 ISO week';
COMMENT ON COLUMN marts.department_ranking.month IS '所属月份（周四所在月）calendar month the week belongs to: the month of its Thursday';
COMMENT ON COLUMN marts.department_ranking.quarter IS '所属季度 calendar quarter of that month';
COMMENT ON COLUMN marts.department_ranking.half IS '所属半年（1 = 上半年，2 = 下半年）half year of that month';
COMMENT ON COLUMN marts.department_ranking.score IS '得分 = Σ 权重 × min(完成率, 上限)；无部门目标的指标按本周最好部门的比值计 score: sum of weight x capped completion rate; a measure without a department target is rated against the best department of the week';
COMMENT ON COLUMN marts.department_ranking.rank IS '名次（1 = 最好，同分同名次；未报送的不排名）rank among the departments ranked this week, 1 = best, ties share a rank; NULL when not ranked';
COMMENT ON COLUMN marts.department_ranking.list IS '红黑榜（red = 红榜，black = 黑榜，空 = 都不是）red list, black list or NULL; labels in core.codes: ranking_list';
COMMENT ON COLUMN marts.department_ranking.list_rule IS '上榜规则 the rule that put the department on its list';
COMMENT ON COLUMN marts.department_ranking.reported IS '本周是否报送 whether a report of the department counts in this week';
COMMENT ON COLUMN marts.department_ranking.ranked IS '是否参与排名（已开始报送，且已报送应报的报告）true when the department has sent a report by this week and what it owed by then (reference/cadence.csv); false for a department that has sent nothing yet';
COMMENT ON COLUMN marts.department_ranking.owed_period IS '欠报的报告期（未参与排名时；尚未开始报送且未到起报期的为空）the report period owed and not sent, when not ranked; NULL for a department that has sent nothing and owes nothing yet';
COMMENT ON COLUMN marts.department_ranking.score_detail IS '得分构成（指标 计分比值×权重；封顶的注明封顶前的比值）how the score is made: measure, the rate the score used (capped where capped, the uncapped rate in brackets) × weight';
