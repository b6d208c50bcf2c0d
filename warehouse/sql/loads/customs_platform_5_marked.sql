-- The distinct texts and codes, and HS codes, of the rows step 4 marked (row_number -1: a text or code left as
-- read) or found broken (an HS code is quoted as read): the loader picks out the values read as latin-1.
-- Parameter: $load_id.
SELECT DISTINCT value
FROM (SELECT unnest([hs_code, product_name, partner_code, partner_name, trade_mode_code, trade_mode_name,
                     reg_place_code, reg_place_name, unit_1, unit_2]) AS value
      FROM raw.customs_platform WHERE load_id = $load_id AND (row_number = -1 OR len(problems) > 0))
WHERE value IS NOT NULL;
