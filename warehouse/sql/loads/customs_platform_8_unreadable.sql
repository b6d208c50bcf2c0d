-- A text or code step 4 left as read whose bytes are not the file's encoding either: an `encoding` problem on its
-- cell. Updating `problems` makes DuckDB rewrite the load at commit, so this runs only when such a value exists.
-- Parameters: $load_id, $readable (customs_platform_texts holds step 5's values, those from this position on
-- with bytes the encoding does not have).
UPDATE raw.customs_platform
SET problems = list_concat(coalesce(problems, []), list_filter([
        CASE WHEN hs_code IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
             THEN {'field': 'hs_code', 'value': (SELECT t.text FROM customs_platform_texts t WHERE t.raw = hs_code), 'rule': 'encoding'} END,
        CASE WHEN product_name IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
             THEN {'field': 'product_name', 'value': (SELECT t.text FROM customs_platform_texts t WHERE t.raw = product_name), 'rule': 'encoding'} END,
        CASE WHEN partner_code IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
             THEN {'field': 'partner_code', 'value': (SELECT t.text FROM customs_platform_texts t WHERE t.raw = partner_code), 'rule': 'encoding'} END,
        CASE WHEN partner_name IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
             THEN {'field': 'partner_name', 'value': (SELECT t.text FROM customs_platform_texts t WHERE t.raw = partner_name), 'rule': 'encoding'} END,
        CASE WHEN trade_mode_code IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
             THEN {'field': 'trade_mode_code', 'value': (SELECT t.text FROM customs_platform_texts t WHERE t.raw = trade_mode_code), 'rule': 'encoding'} END,
        CASE WHEN trade_mode_name IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
             THEN {'field': 'trade_mode_name', 'value': (SELECT t.text FROM customs_platform_texts t WHERE t.raw = trade_mode_name), 'rule': 'encoding'} END,
        CASE WHEN reg_place_code IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
             THEN {'field': 'reg_place_code', 'value': (SELECT t.text FROM customs_platform_texts t WHERE t.raw = reg_place_code), 'rule': 'encoding'} END,
        CASE WHEN reg_place_name IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
             THEN {'field': 'reg_place_name', 'value': (SELECT t.text FROM customs_platform_texts t WHERE t.raw = reg_place_name), 'rule': 'encoding'} END,
        CASE WHEN unit_1 IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
             THEN {'field': 'unit_1', 'value': (SELECT t.text FROM customs_platform_texts t WHERE t.raw = unit_1), 'rule': 'encoding'} END,
        CASE WHEN unit_2 IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
             THEN {'field': 'unit_2', 'value': (SELECT t.text FROM customs_platform_texts t WHERE t.raw = unit_2), 'rule': 'encoding'} END
    ], lambda problem: problem IS NOT NULL))
WHERE load_id = $load_id AND (problems IS NULL OR len(problems) > 0)
  AND (hs_code IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
       OR product_name IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
       OR partner_code IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
       OR partner_name IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
       OR trade_mode_code IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
       OR trade_mode_name IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
       OR reg_place_code IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
       OR reg_place_name IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
       OR unit_1 IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable)
       OR unit_2 IN (SELECT t.raw FROM customs_platform_texts t WHERE t.position >= $readable));
