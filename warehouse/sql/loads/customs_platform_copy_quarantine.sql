-- A download's quarantined cells and lines, as the bounded child (warehouse/platform_child.py) recorded them.
INSERT INTO audit.quarantine BY NAME
SELECT * FROM customs_platform_staged.audit.quarantine;
