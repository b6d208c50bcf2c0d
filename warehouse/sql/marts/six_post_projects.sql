CREATE OR REPLACE TABLE marts.six_post_projects AS
SELECT year, leader, count(*) AS planned, count(*) FILTER (WHERE signed) AS signed,
       count(*) FILTER (WHERE fulfilled) AS fulfilled, count(*) FILTER (WHERE started) AS started
FROM marts.six_post_project_status
GROUP BY year, leader
ORDER BY year, leader;

COMMENT ON TABLE marts.six_post_projects IS '六职招商项目汇总（每年每位六职领导一行）the six-post leaders'' projects per year and post: planned, signed, fulfilled, started';
COMMENT ON COLUMN marts.six_post_projects.year IS '年份 year';
COMMENT ON COLUMN marts.six_post_projects.leader IS '六职领导（职务）the leadership post';
COMMENT ON COLUMN marts.six_post_projects.planned IS '计划项目数 planned projects';
COMMENT ON COLUMN marts.six_post_projects.signed IS '已签约项目数 signed';
COMMENT ON COLUMN marts.six_post_projects.fulfilled IS '已履约项目数 fulfilled (履约 or later)';
COMMENT ON COLUMN marts.six_post_projects.started IS '已开工项目数 started (开工 or later)';
