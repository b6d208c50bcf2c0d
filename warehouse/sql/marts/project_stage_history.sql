-- 项目阶段变化: every time a project reached a later stage, with the date and the row that reported it.
-- Stages only move forward here (a lead reported back to 线索 stays at 在谈), on the bureau's confirmation date
-- or the date a department workbook was filled in (core.project_mentions). A later round repeats a stage with the
-- date the bureau first confirmed it: on a tie the earliest period (as_of) is the round that first reported it.
CREATE OR REPLACE TABLE marts.project_stage_history AS
WITH reports AS (
    SELECT project_id, reported_stage AS stage, reported_stage_rank AS stage_rank, reported_on,
           source, file_name, sheet, row_number, project_name AS name_as_written,
           max(reported_stage_rank) OVER (
               PARTITION BY project_id
               ORDER BY reported_on, reported_stage_rank, as_of, source, file_name, load_id, sheet, row_number
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS reached_before
    FROM core.project_mention_keys
    WHERE reported_stage IS NOT NULL
),
changes AS (
    SELECT * FROM reports WHERE reached_before IS NULL OR stage_rank > reached_before
)
SELECT c.project_id, p.project_name, row_number() OVER w AS change_number, c.stage,
       lag(c.stage) OVER w AS previous_stage, c.reported_on,
       CAST(c.reported_on - lag(c.reported_on) OVER w AS INTEGER) AS days_in_previous_stage,
       c.source, c.file_name, c.sheet, c.row_number, c.name_as_written
FROM changes c
JOIN core.projects p USING (project_id)
WINDOW w AS (PARTITION BY c.project_id ORDER BY c.reported_on, c.stage_rank)
ORDER BY p.project_name, c.project_id, change_number;

COMMENT ON TABLE marts.project_stage_history IS '项目阶段变化记录（每个项目每次进入更后阶段一行）every time a project reached a later stage, with the date and the file, sheet and row that reported it; stages only move forward here';
COMMENT ON COLUMN marts.project_stage_history.project_id IS '项目编号 project id (as in marts.project_pipeline)';
COMMENT ON COLUMN marts.project_stage_history.project_name IS '项目名称 project name';
COMMENT ON COLUMN marts.project_stage_history.change_number IS '变化序号 1 for the first stage reported, then in order';
COMMENT ON COLUMN marts.project_stage_history.stage IS '进入的阶段（线索、在谈、签约、履约、开工、投产）the stage reached';
COMMENT ON COLUMN marts.project_stage_history.previous_stage IS '此前阶段 the stage before it';
COMMENT ON COLUMN marts.project_stage_history.reported_on IS '报告日期（认定日期或填报日期）the date it was reported';
COMMENT ON COLUMN marts.project_stage_history.days_in_previous_stage IS '在此前阶段停留天数 days since the previous stage was reported';
COMMENT ON COLUMN marts.project_stage_history.source IS '来源（bureau 认定表，department_signed 部门签约台账，department_lead 部门线索）source; labels in core.codes: stage_source';
COMMENT ON COLUMN marts.project_stage_history.file_name IS '来源文件 file that reported it';
COMMENT ON COLUMN marts.project_stage_history.sheet IS '工作表 sheet';
COMMENT ON COLUMN marts.project_stage_history.row_number IS '行号 row in the sheet';
COMMENT ON COLUMN marts.project_stage_history.name_as_written IS '原文名称（该行的写法）the project name as that row writes it';
