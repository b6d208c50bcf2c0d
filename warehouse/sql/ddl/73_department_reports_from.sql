-- departments.csv reports_from: the first day a department owes reports from (core.department_obligations), when
-- the centre writes one. ADD COLUMN IF NOT EXISTS also brings a build file made before it up to date.
ALTER TABLE raw.ref_departments ADD COLUMN IF NOT EXISTS reports_from DATE;
COMMENT ON COLUMN raw.ref_departments.reports_from IS '起报日期（departments.csv 的 reports_from；写报告期时为其第一天；空 = 未写）the first day the department owes reports from, as departments.csv says (a period stands for its first day); NULL when it says nothing';
