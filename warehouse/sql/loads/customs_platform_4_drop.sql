-- The quarantined lines leave raw: raw holds accepted rows only. Parameter: $load_id.
DELETE FROM raw.customs_platform WHERE load_id = $load_id AND problems IS NOT NULL;
