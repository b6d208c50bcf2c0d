-- A text or code step 4 left as read whose bytes are not the file's encoding either: an `encoding` problem on its
-- cell. Updating `problems` makes DuckDB rewrite the load at commit, so this runs only when such a value exists.
-- Parameters: $load_id, $raw/$text (each such value as read, and its text with U+FFFD for those bytes).
UPDATE raw.customs_platform
SET problems = list_concat(coalesce(problems, []), list_transform(
        list_filter([
                 {'field': 'hs_code', 'read': hs_code},
                 {'field': 'product_name', 'read': product_name},
                 {'field': 'partner_code', 'read': partner_code},
                 {'field': 'partner_name', 'read': partner_name},
                 {'field': 'trade_mode_code', 'read': trade_mode_code},
                 {'field': 'trade_mode_name', 'read': trade_mode_name},
                 {'field': 'reg_place_code', 'read': reg_place_code},
                 {'field': 'reg_place_name', 'read': reg_place_name},
                 {'field': 'unit_1', 'read': unit_1},
                 {'field': 'unit_2', 'read': unit_2}
        ], lambda cell: list_contains($raw, cell.read)),
        lambda cell: {'field': cell.field, 'value': MAP($raw, $text)[cell.read], 'rule': 'encoding'}))
WHERE load_id = $load_id AND (problems IS NULL OR len(problems) > 0)
  AND (hs_code IN (SELECT unnest($raw::VARCHAR[]))
       OR product_name IN (SELECT unnest($raw::VARCHAR[]))
       OR partner_code IN (SELECT unnest($raw::VARCHAR[]))
       OR partner_name IN (SELECT unnest($raw::VARCHAR[]))
       OR trade_mode_code IN (SELECT unnest($raw::VARCHAR[]))
       OR trade_mode_name IN (SELECT unnest($raw::VARCHAR[]))
       OR reg_place_code IN (SELECT unnest($raw::VARCHAR[]))
       OR reg_place_name IN (SELECT unnest($raw::VARCHAR[]))
       OR unit_1 IN (SELECT unnest($raw::VARCHAR[]))
       OR unit_2 IN (SELECT unnest($raw::VARCHAR[])));
