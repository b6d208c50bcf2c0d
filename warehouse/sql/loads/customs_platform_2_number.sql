-- Number the lines of this load as the file numbers them. The insert kept file order (preserve_insertion_order),
-- and inside the load's transaction its rows are the only new ones, with consecutive rowids.
-- Parameter: $load_id.
UPDATE raw.customs_platform
SET row_number = rowid - (SELECT min(rowid) FROM raw.customs_platform WHERE load_id = $load_id)
                 + (SELECT first_line FROM customs_platform_params)
WHERE load_id = $load_id;
