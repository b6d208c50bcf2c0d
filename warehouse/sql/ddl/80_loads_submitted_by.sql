-- Who sent each file through the departments' portal (its manifest beside the file, warehouse/landing.py); NULL for
-- a file dropped by hand. ADD COLUMN IF NOT EXISTS also brings a build file made before the portal up to date.
ALTER TABLE audit.loads ADD COLUMN IF NOT EXISTS submitted_by VARCHAR;
COMMENT ON COLUMN audit.loads.submitted_by IS '报送账号（经部门报送门户报送的文件）the portal account that sent the file; NULL when dropped by hand';
