-- 三个一批：projects per batch and batch type, their investment and how many still wait for provincial
-- confirmation.
CREATE OR REPLACE TABLE marts.three_batches AS
SELECT batch,
       batch_type,
       count(*) AS projects,
       sum(total_investment_yi_yuan) AS total_investment_yi_yuan,
       count(*) FILTER (WHERE provincial_status = '待认定') AS waiting_provincial,
       count(*) FILTER (WHERE provincial_status = '已认定') AS confirmed_provincial,
       count(*) FILTER (WHERE core.stage_rank(stage) >= 2) AS signed,
       count(*) FILTER (WHERE core.stage_rank(stage) >= 4) AS started,
       list(project_name ORDER BY project_name) AS project_names
FROM core.projects
WHERE batch IS NOT NULL
GROUP BY batch, batch_type
ORDER BY batch, batch_type NULLS LAST;

COMMENT ON TABLE marts.three_batches IS '“三个一批”各期项目（每期每类型一行：签约一批、开工一批、投产一批）projects of each "three batches" period and batch type';
COMMENT ON COLUMN marts.three_batches.batch IS '期次（整数，如第12期为12）batch number';
COMMENT ON COLUMN marts.three_batches.batch_type IS '批次类型（签约一批、开工一批、投产一批；认定表未注明为空）batch type, NULL where the bureau''s list does not say';
COMMENT ON COLUMN marts.three_batches.projects IS '项目个数 number of projects';
COMMENT ON COLUMN marts.three_batches.total_investment_yi_yuan IS '总投资合计（亿元）total investment in 亿元';
COMMENT ON COLUMN marts.three_batches.waiting_provincial IS '待省级认定的项目数 projects waiting for provincial confirmation (待认定)';
COMMENT ON COLUMN marts.three_batches.confirmed_provincial IS '已省级认定的项目数 projects confirmed by the province (已认定)';
COMMENT ON COLUMN marts.three_batches.signed IS '已签约（含以后阶段）的项目数 projects signed or later';
COMMENT ON COLUMN marts.three_batches.started IS '已开工（含投产）的项目数 projects started or in production';
COMMENT ON COLUMN marts.three_batches.project_names IS '项目名称 project names';
