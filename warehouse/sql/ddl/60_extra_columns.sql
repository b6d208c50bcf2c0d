-- Columns a clerk added to a form (联系电话, 对接人...) are kept beside the row as JSON {header as written: cell},
-- never dropped and never mistaken for a known field. ADD COLUMN IF NOT EXISTS also brings a build file made
-- before this column existed up to date.
ALTER TABLE raw.bureau_kpi ADD COLUMN IF NOT EXISTS extra_columns JSON;
ALTER TABLE raw.bureau_projects ADD COLUMN IF NOT EXISTS extra_columns JSON;
ALTER TABLE raw.dept_leads ADD COLUMN IF NOT EXISTS extra_columns JSON;
ALTER TABLE raw.dept_signed_projects ADD COLUMN IF NOT EXISTS extra_columns JSON;
ALTER TABLE raw.dept_enterprises ADD COLUMN IF NOT EXISTS extra_columns JSON;
ALTER TABLE raw.dept_activities ADD COLUMN IF NOT EXISTS extra_columns JSON;
ALTER TABLE raw.customs_enterprise_monthly ADD COLUMN IF NOT EXISTS extra_columns JSON;
