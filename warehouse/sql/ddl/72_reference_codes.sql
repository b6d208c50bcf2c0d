-- The code lists of schemas/codes.py, written with the reference data on every run: core.codes is what the SQL joins
-- for what a coded value means.
CREATE TABLE IF NOT EXISTS raw.ref_codes (
    list VARCHAR NOT NULL, value VARCHAR NOT NULL, label VARCHAR NOT NULL, synonyms VARCHAR[], written BOOLEAN NOT NULL,
    rank INTEGER, valuable BOOLEAN NOT NULL, stage VARCHAR, measure VARCHAR
);

COMMENT ON TABLE raw.ref_codes IS '代码表原样（schemas/codes.py，每次运行写入）the code lists as schemas/codes.py declares them; core.codes is what the SQL reads';
COMMENT ON COLUMN raw.ref_codes.list IS '代码表名 the list a value belongs to, as schemas/codes.py names it (lead_status, kpi_status…)';
COMMENT ON COLUMN raw.ref_codes.value IS '取值（入库时的写法）the value as stored';
COMMENT ON COLUMN raw.ref_codes.label IS '中文名 Chinese label';
COMMENT ON COLUMN raw.ref_codes.synonyms IS '同义写法 other ways clerks write it';
COMMENT ON COLUMN raw.ref_codes.written IS '可在文件中填写 false for a value the warehouse computes';
COMMENT ON COLUMN raw.ref_codes.rank IS '次序（项目阶段：0线索…5投产）order of project stages';
COMMENT ON COLUMN raw.ref_codes.valuable IS '计入有价值线索 a lead status counted as a valuable lead';
COMMENT ON COLUMN raw.ref_codes.stage IS '对应项目阶段 the project stage a lead status reports';
COMMENT ON COLUMN raw.ref_codes.measure IS '计入的指标 the department figure an activity type counts in';
