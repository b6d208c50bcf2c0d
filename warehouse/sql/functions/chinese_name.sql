-- The Chinese name a comment opens with, or NULL: its leading words, ended by a space, a bracket, a colon, an
-- equals sign or a comma, quotation marks dropped so the name is easy to type ('完成率 = 完成值 / 目标（小数）
-- completion rate' names 完成率, '“三个一批”各期项目' names 三个一批各期项目). One rule for the zh views, the data
-- dictionary and the Chinese headers of the UI's tables and the failing-row CSVs.
CREATE OR REPLACE MACRO core.chinese_name(comment) AS (
    WITH words AS (
        SELECT regexp_replace(regexp_extract(coalesce(comment, ''), '^[^\s(（\[【:：=,，;；]+'), '[“”"「」]', '', 'g') AS w
    )
    SELECT CASE WHEN regexp_matches(w, '\p{Han}') THEN w END FROM words
);
