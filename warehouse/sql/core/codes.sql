CREATE OR REPLACE TABLE core.codes AS
SELECT list, value, label, synonyms, written, rank, valuable, stage, measure FROM raw.ref_codes;

COMMENT ON TABLE core.codes IS '代码表（线索状态、活动类型、项目阶段等；来自 schemas/codes.py）every coded value, its Chinese label, the ways clerks write it and what it means to the marts';
COMMENT ON COLUMN core.codes.list IS '代码表名 the list: lead_status, activity_type, project_stage, provincial_status, batch_type, kpi_basis, six_post';
COMMENT ON COLUMN core.codes.value IS '取值（入库时的写法）the value as stored';
COMMENT ON COLUMN core.codes.label IS '中文名 Chinese label';
COMMENT ON COLUMN core.codes.synonyms IS '同义写法 other ways clerks write it';
COMMENT ON COLUMN core.codes.written IS '可在文件中填写 false for a value the warehouse computes';
COMMENT ON COLUMN core.codes.rank IS '次序（项目阶段：0线索…5投产）order of project stages';
COMMENT ON COLUMN core.codes.valuable IS '计入有价值线索 a lead status counted as a valuable lead';
COMMENT ON COLUMN core.codes.stage IS '对应项目阶段 the project stage a lead status reports';
COMMENT ON COLUMN core.codes.measure IS '计入的指标 the department figure an activity type counts in';
