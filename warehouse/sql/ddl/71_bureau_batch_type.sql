-- 三个一批类型 (签约一批 / 开工一批 / 投产一批) of a project on the bureau's list, when the sheet says it.
ALTER TABLE raw.bureau_projects ADD COLUMN IF NOT EXISTS batch_type VARCHAR;
COMMENT ON COLUMN raw.bureau_projects.batch_type IS '三个一批类型（签约一批、开工一批、投产一批）the 三个一批 type, where the sheet gives it';
