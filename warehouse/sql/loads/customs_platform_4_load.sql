-- Every line that splits into cells, decoded and typed, appended to raw.customs_platform in file order, in one pass
-- (step 7 numbers the rows from that order). A line breaking a rule gets `problems` (field, value as written, rule),
-- copied to quarantine by step 9; a line that is not data (a 合计 line, a 资料来源 footer, a line of empty cells)
-- gets an empty list. A text or code that is not among step 3's values keeps its latin-1 reading for now: step 8
-- decodes it on the rows that hold it. A line that does not split is left to steps 6 and 9.
-- Parameters: $path, $parts, $skip, $read_as, $line_bytes, $width, $columns (as customs_platform_cells), $load_id,
-- $file_name, $not_data (the start of a line that is not data), $texts (step 3's texts in ENUM order), $readable
-- (the position of the first value whose bytes are not the file's encoding: the ENUM lists those last). The
-- statement's count is the number of rows appended.
INSERT INTO raw.customs_platform BY NAME
WITH cells AS (
    SELECT * FROM customs_platform_cells($path, $parts, $skip, $read_as, $line_bytes, $width, $columns,
                                         'customs_platform_rejects')
    WHERE NOT broken
),
coded AS (
    -- The position of each text and code among step 3's values; NULL when it is not one of them.
    SELECT c.*, p.*, $texts AS text_at,
           CASE WHEN p.decode THEN enum_code(TRY_CAST(c.product_name AS customs_platform_text)) END
               AS product_name_at,
           CASE WHEN p.decode THEN enum_code(TRY_CAST(c.partner_code AS customs_platform_text)) END
               AS partner_code_at,
           CASE WHEN p.decode THEN enum_code(TRY_CAST(c.partner_name AS customs_platform_text)) END
               AS partner_name_at,
           CASE WHEN p.decode THEN enum_code(TRY_CAST(c.trade_mode_code AS customs_platform_text)) END
               AS trade_mode_code_at,
           CASE WHEN p.decode THEN enum_code(TRY_CAST(c.trade_mode_name AS customs_platform_text)) END
               AS trade_mode_name_at,
           CASE WHEN p.decode THEN enum_code(TRY_CAST(c.reg_place_code AS customs_platform_text)) END
               AS reg_place_code_at,
           CASE WHEN p.decode THEN enum_code(TRY_CAST(c.reg_place_name AS customs_platform_text)) END
               AS reg_place_name_at,
           CASE WHEN p.decode THEN enum_code(TRY_CAST(c.unit_1 AS customs_platform_text)) END
               AS unit_1_at,
           CASE WHEN p.decode THEN enum_code(TRY_CAST(c.unit_2 AS customs_platform_text)) END
               AS unit_2_at
    FROM cells c CROSS JOIN customs_platform_params p
),
decoded AS (
    SELECT * REPLACE (
           CASE WHEN product_name_at IS NULL THEN product_name ELSE text_at[product_name_at + 1] END AS product_name,
           CASE WHEN partner_code_at IS NULL THEN partner_code ELSE text_at[partner_code_at + 1] END AS partner_code,
           CASE WHEN partner_name_at IS NULL THEN partner_name ELSE text_at[partner_name_at + 1] END AS partner_name,
           CASE WHEN trade_mode_code_at IS NULL THEN trade_mode_code
                ELSE text_at[trade_mode_code_at + 1] END AS trade_mode_code,
           CASE WHEN trade_mode_name_at IS NULL THEN trade_mode_name
                ELSE text_at[trade_mode_name_at + 1] END AS trade_mode_name,
           CASE WHEN reg_place_code_at IS NULL THEN reg_place_code
                ELSE text_at[reg_place_code_at + 1] END AS reg_place_code,
           CASE WHEN reg_place_name_at IS NULL THEN reg_place_name
                ELSE text_at[reg_place_name_at + 1] END AS reg_place_name,
           CASE WHEN unit_1_at IS NULL THEN unit_1 ELSE text_at[unit_1_at + 1] END AS unit_1,
           CASE WHEN unit_2_at IS NULL THEN unit_2 ELSE text_at[unit_2_at + 1] END AS unit_2
           ),
           coalesce(product_name_at >= $readable
                    OR partner_code_at >= $readable
                    OR partner_name_at >= $readable
                    OR trade_mode_code_at >= $readable
                    OR trade_mode_name_at >= $readable
                    OR reg_place_code_at >= $readable
                    OR reg_place_name_at >= $readable
                    OR unit_1_at >= $readable
                    OR unit_2_at >= $readable, false) AS unreadable,
           -- Bytes above 0x7F the first lines did not have: left as read, for step 5 to find.
           coalesce(decode AND (
                    (product_name_at IS NULL AND strlen(product_name) > length(product_name))
                    OR (partner_code_at IS NULL AND strlen(partner_code) > length(partner_code))
                    OR (partner_name_at IS NULL AND strlen(partner_name) > length(partner_name))
                    OR (trade_mode_code_at IS NULL AND strlen(trade_mode_code) > length(trade_mode_code))
                    OR (trade_mode_name_at IS NULL AND strlen(trade_mode_name) > length(trade_mode_name))
                    OR (reg_place_code_at IS NULL AND strlen(reg_place_code) > length(reg_place_code))
                    OR (reg_place_name_at IS NULL AND strlen(reg_place_name) > length(reg_place_name))
                    OR (unit_1_at IS NULL AND strlen(unit_1) > length(unit_1))
                    OR (unit_2_at IS NULL AND strlen(unit_2) > length(unit_2))), false) AS undecoded,
           coalesce(has_nul AND (
                    contains(year_month, chr(0))
                    OR contains(hs_code, chr(0))
                    OR contains(product_name, chr(0))
                    OR contains(partner_code, chr(0))
                    OR contains(partner_name, chr(0))
                    OR contains(trade_mode_code, chr(0))
                    OR contains(trade_mode_name, chr(0))
                    OR contains(reg_place_code, chr(0))
                    OR contains(reg_place_name, chr(0))
                    OR contains(quantity_1, chr(0))
                    OR contains(unit_1, chr(0))
                    OR contains(quantity_2, chr(0))
                    OR contains(unit_2, chr(0))
                    OR contains(value_yuan, chr(0))
                    OR contains(value_usd, chr(0))), false) AS nul
    FROM coded
),
cleaned AS (
    SELECT *,
           CASE WHEN regexp_full_match(trim(year_month), '\d{6}') THEN trim(year_month)::INTEGER END AS yyyymm,
           -- Thousands separators and '-' for nothing, as the platform writes them.
           nullif(nullif(replace(trim(quantity_1), ',', ''), '-'), '') AS q1,
           nullif(nullif(replace(trim(quantity_2), ',', ''), '-'), '') AS q2,
           nullif(nullif(replace(trim(value_yuan), ',', ''), '-'), '') AS vy,
           nullif(nullif(replace(trim(value_usd), ',', ''), '-'), '') AS vu,
           -- A 合计 line, a footer (资料来源, 注：, 说明：) or a line of empty cells (read as '合计' here) is not
           -- data; $not_data matches those words decoded and as the file's bytes read as latin-1 (a parameter, not a
           -- column of the params table: a pattern known only per row would be compiled per row).
           NOT regexp_matches(
               coalesce(year_month, hs_code, product_name, partner_code, partner_name, trade_mode_code,
                        trade_mode_name, reg_place_code, reg_place_name, quantity_1, unit_1, quantity_2, unit_2,
                        value_yuan, value_usd, '合计'),
               $not_data) AS is_data
    FROM decoded
),
typed AS (
    SELECT *,
           CASE WHEN year_month IS NULL THEN file_year ELSE yyyymm // 100 END AS year,
           CASE WHEN year_month IS NULL THEN file_month_from ELSE yyyymm % 100 END AS month_from,
           CASE WHEN year_month IS NULL THEN file_month_to ELSE yyyymm % 100 END AS month_to,
           -- Wide enough for any number a clerk can write, so that a figure too large for its column is caught
           -- by the range rule below instead of failing the load.
           TRY_CAST(q1 AS DECIMAL(38, 4)) AS quantity_1_n,
           TRY_CAST(q2 AS DECIMAL(38, 4)) AS quantity_2_n,
           TRY_CAST(vy AS DECIMAL(38, 2)) AS value_yuan_n,
           TRY_CAST(vu AS DECIMAL(38, 2)) AS value_usd_n
    FROM cleaned
),
flagged AS (
    SELECT *,
           coalesce(year_month IS NOT NULL
                    AND (month_to NOT BETWEEN 1 AND 12 OR year NOT BETWEEN first_year AND last_year),
                    year_month IS NOT NULL) AS bad_period,
           year_month IS NULL AND file_year IS NULL AS no_period,
           coalesce(NOT regexp_full_match(trim(hs_code), '(\d{2}){1,5}'), false) AS bad_hs_code,
           q1 IS NOT NULL AND quantity_1_n IS NULL AS bad_quantity_1,
           q2 IS NOT NULL AND quantity_2_n IS NULL AS bad_quantity_2,
           vy IS NOT NULL AND value_yuan_n IS NULL AS bad_value_yuan,
           vu IS NOT NULL AND value_usd_n IS NULL AS bad_value_usd,
           coalesce(abs(quantity_1_n) >= largest, false) AS large_quantity_1,
           coalesce(abs(quantity_2_n) >= largest, false) AS large_quantity_2,
           coalesce(abs(value_yuan_n) >= largest, false) AS large_value_yuan,
           coalesce(abs(value_usd_n) >= largest, false) AS large_value_usd,
           coalesce(value_yuan_n < 0, false) AS negative_value_yuan,
           coalesce(value_usd_n < 0, false) AS negative_value_usd,
           vy IS NULL AND vu IS NULL AS no_value
    FROM typed
)
-- row_number is set by step 7; until then -1 marks a row with a text or code left as read.
SELECT $load_id AS load_id, $file_name AS file_name, CASE WHEN undecoded THEN -1 ELSE 0 END AS row_number,
       year, month_from, month_to,
       trim(hs_code) AS hs_code, trim(product_name) AS product_name,
       trim(partner_code) AS partner_code, trim(partner_name) AS partner_name,
       trim(trade_mode_code) AS trade_mode_code, trim(trade_mode_name) AS trade_mode_name,
       trim(reg_place_code) AS reg_place_code, trim(reg_place_name) AS reg_place_name,
       CASE WHEN NOT large_quantity_1 THEN quantity_1_n END AS quantity_1,
       nullif(nullif(trim(unit_1), '-'), '') AS unit_1,
       CASE WHEN NOT large_quantity_2 THEN quantity_2_n END AS quantity_2,
       nullif(nullif(trim(unit_2), '-'), '') AS unit_2,
       CASE WHEN NOT large_value_yuan THEN value_yuan_n END AS value_yuan,
       CASE WHEN NOT large_value_usd THEN value_usd_n END AS value_usd,
       CASE WHEN NOT is_data THEN []
            WHEN unreadable OR nul OR bad_period OR no_period OR bad_hs_code OR bad_quantity_1 OR bad_quantity_2
                 OR bad_value_yuan OR bad_value_usd OR large_quantity_1 OR large_quantity_2 OR large_value_yuan
                 OR large_value_usd OR negative_value_yuan OR negative_value_usd OR no_value
       THEN list_filter([
           CASE WHEN product_name_at >= $readable
                THEN {'field': 'product_name', 'value': product_name, 'rule': 'encoding'} END,
           CASE WHEN partner_code_at >= $readable
                THEN {'field': 'partner_code', 'value': partner_code, 'rule': 'encoding'} END,
           CASE WHEN partner_name_at >= $readable
                THEN {'field': 'partner_name', 'value': partner_name, 'rule': 'encoding'} END,
           CASE WHEN trade_mode_code_at >= $readable
                THEN {'field': 'trade_mode_code', 'value': trade_mode_code, 'rule': 'encoding'} END,
           CASE WHEN trade_mode_name_at >= $readable
                THEN {'field': 'trade_mode_name', 'value': trade_mode_name, 'rule': 'encoding'} END,
           CASE WHEN reg_place_code_at >= $readable
                THEN {'field': 'reg_place_code', 'value': reg_place_code, 'rule': 'encoding'} END,
           CASE WHEN reg_place_name_at >= $readable
                THEN {'field': 'reg_place_name', 'value': reg_place_name, 'rule': 'encoding'} END,
           CASE WHEN unit_1_at >= $readable THEN {'field': 'unit_1', 'value': unit_1, 'rule': 'encoding'} END,
           CASE WHEN unit_2_at >= $readable THEN {'field': 'unit_2', 'value': unit_2, 'rule': 'encoding'} END,
           CASE WHEN contains(year_month, chr(0))
                THEN {'field': 'year_month', 'value': year_month, 'rule': 'nul_character'} END,
           CASE WHEN contains(hs_code, chr(0)) THEN {'field': 'hs_code', 'value': hs_code, 'rule': 'nul_character'} END,
           CASE WHEN contains(product_name, chr(0))
                THEN {'field': 'product_name', 'value': product_name, 'rule': 'nul_character'} END,
           CASE WHEN contains(partner_code, chr(0))
                THEN {'field': 'partner_code', 'value': partner_code, 'rule': 'nul_character'} END,
           CASE WHEN contains(partner_name, chr(0))
                THEN {'field': 'partner_name', 'value': partner_name, 'rule': 'nul_character'} END,
           CASE WHEN contains(trade_mode_code, chr(0))
                THEN {'field': 'trade_mode_code', 'value': trade_mode_code, 'rule': 'nul_character'} END,
           CASE WHEN contains(trade_mode_name, chr(0))
                THEN {'field': 'trade_mode_name', 'value': trade_mode_name, 'rule': 'nul_character'} END,
           CASE WHEN contains(reg_place_code, chr(0))
                THEN {'field': 'reg_place_code', 'value': reg_place_code, 'rule': 'nul_character'} END,
           CASE WHEN contains(reg_place_name, chr(0))
                THEN {'field': 'reg_place_name', 'value': reg_place_name, 'rule': 'nul_character'} END,
           CASE WHEN contains(quantity_1, chr(0))
                THEN {'field': 'quantity_1', 'value': quantity_1, 'rule': 'nul_character'} END,
           CASE WHEN contains(unit_1, chr(0)) THEN {'field': 'unit_1', 'value': unit_1, 'rule': 'nul_character'} END,
           CASE WHEN contains(quantity_2, chr(0))
                THEN {'field': 'quantity_2', 'value': quantity_2, 'rule': 'nul_character'} END,
           CASE WHEN contains(unit_2, chr(0)) THEN {'field': 'unit_2', 'value': unit_2, 'rule': 'nul_character'} END,
           CASE WHEN contains(value_yuan, chr(0))
                THEN {'field': 'value_yuan', 'value': value_yuan, 'rule': 'nul_character'} END,
           CASE WHEN contains(value_usd, chr(0))
                THEN {'field': 'value_usd', 'value': value_usd, 'rule': 'nul_character'} END,
           CASE WHEN bad_period THEN {'field': 'year_month', 'value': year_month, 'rule': 'period'} END,
           CASE WHEN no_period THEN {'field': 'year_month', 'value': NULL, 'rule': 'period_missing'} END,
           CASE WHEN bad_hs_code THEN {'field': 'hs_code', 'value': hs_code, 'rule': 'hs_code_format'} END,
           CASE WHEN bad_quantity_1 THEN {'field': 'quantity_1', 'value': quantity_1, 'rule': 'number'} END,
           CASE WHEN bad_quantity_2 THEN {'field': 'quantity_2', 'value': quantity_2, 'rule': 'number'} END,
           CASE WHEN bad_value_yuan THEN {'field': 'value_yuan', 'value': value_yuan, 'rule': 'number'} END,
           CASE WHEN bad_value_usd THEN {'field': 'value_usd', 'value': value_usd, 'rule': 'number'} END,
           CASE WHEN large_quantity_1 THEN {'field': 'quantity_1', 'value': quantity_1, 'rule': 'value_too_large'} END,
           CASE WHEN large_quantity_2 THEN {'field': 'quantity_2', 'value': quantity_2, 'rule': 'value_too_large'} END,
           CASE WHEN large_value_yuan THEN {'field': 'value_yuan', 'value': value_yuan, 'rule': 'value_too_large'} END,
           CASE WHEN large_value_usd THEN {'field': 'value_usd', 'value': value_usd, 'rule': 'value_too_large'} END,
           CASE WHEN negative_value_yuan THEN {'field': 'value_yuan', 'value': value_yuan, 'rule': 'not_negative'} END,
           CASE WHEN negative_value_usd THEN {'field': 'value_usd', 'value': value_usd, 'rule': 'not_negative'} END,
           CASE WHEN no_value THEN {'field': value_field, 'value': NULL, 'rule': 'required'} END
       ], lambda problem: problem IS NOT NULL) END AS problems
FROM flagged;
