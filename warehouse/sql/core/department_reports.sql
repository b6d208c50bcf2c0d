-- Department reports in force (a resubmission has superseded the earlier workbook in audit.loads).
CREATE OR REPLACE TABLE core.department_reports AS
SELECT r.* FROM raw.dept_reports r JOIN core.active_loads USING (load_id);
