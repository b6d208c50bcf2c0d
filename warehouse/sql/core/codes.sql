CREATE OR REPLACE TABLE core.codes AS
SELECT list, value, label, synonyms, written, rank, valuable, stage, measure FROM raw.ref_codes;

-- Its columns carry the comments of raw.ref_codes.
COMMENT ON TABLE core.codes IS '代码表（线索状态、活动类型、项目阶段等；来自 schemas/codes.py）every coded value, its Chinese label, the ways clerks write it and what it means to the marts';
