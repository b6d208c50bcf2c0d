-- The quarantined lines and the lines that are not data leave raw: it holds accepted rows only.
-- Parameter: $load_id.
DELETE FROM raw.customs_platform WHERE load_id = $load_id AND problems IS NOT NULL;
