-- The texts and codes step 4 left as read, decoded on the rows that hold them: customs_platform_texts holds
-- step 5's values by now (an update of plain text columns costs nothing at commit). Parameter: $load_id.
UPDATE raw.customs_platform
SET hs_code = coalesce((SELECT t.text FROM customs_platform_texts t WHERE t.raw = hs_code),
                       hs_code),
    product_name = coalesce((SELECT t.text FROM customs_platform_texts t WHERE t.raw = product_name),
                            product_name),
    partner_code = coalesce((SELECT t.text FROM customs_platform_texts t WHERE t.raw = partner_code),
                            partner_code),
    partner_name = coalesce((SELECT t.text FROM customs_platform_texts t WHERE t.raw = partner_name),
                            partner_name),
    trade_mode_code = coalesce((SELECT t.text FROM customs_platform_texts t WHERE t.raw = trade_mode_code),
                               trade_mode_code),
    trade_mode_name = coalesce((SELECT t.text FROM customs_platform_texts t WHERE t.raw = trade_mode_name),
                               trade_mode_name),
    reg_place_code = coalesce((SELECT t.text FROM customs_platform_texts t WHERE t.raw = reg_place_code),
                              reg_place_code),
    reg_place_name = coalesce((SELECT t.text FROM customs_platform_texts t WHERE t.raw = reg_place_name),
                              reg_place_name),
    unit_1 = coalesce((SELECT t.text FROM customs_platform_texts t WHERE t.raw = unit_1),
                      unit_1),
    unit_2 = coalesce((SELECT t.text FROM customs_platform_texts t WHERE t.raw = unit_2),
                      unit_2)
WHERE load_id = $load_id
  AND (hs_code IN (SELECT t.raw FROM customs_platform_texts t)
       OR product_name IN (SELECT t.raw FROM customs_platform_texts t)
       OR partner_code IN (SELECT t.raw FROM customs_platform_texts t)
       OR partner_name IN (SELECT t.raw FROM customs_platform_texts t)
       OR trade_mode_code IN (SELECT t.raw FROM customs_platform_texts t)
       OR trade_mode_name IN (SELECT t.raw FROM customs_platform_texts t)
       OR reg_place_code IN (SELECT t.raw FROM customs_platform_texts t)
       OR reg_place_name IN (SELECT t.raw FROM customs_platform_texts t)
       OR unit_1 IN (SELECT t.raw FROM customs_platform_texts t)
       OR unit_2 IN (SELECT t.raw FROM customs_platform_texts t));
