-- The distinct texts and codes of the first $lines lines. Most downloads repeat a few thousand names and codes: step
-- 4 decodes these as it reads, and step 8 the few others, on the rows that hold them.
SELECT DISTINCT value
FROM (SELECT unnest([product_name, partner_code, partner_name, trade_mode_code, trade_mode_name, reg_place_code,
                     reg_place_name, unit_1, unit_2]) AS value
      FROM (FROM customs_platform_cells($path, $parts, $skip, $read_as, $line_bytes, $width, $columns,
                                        'customs_platform_sample_rejects')
            LIMIT $lines))
WHERE value IS NOT NULL;
