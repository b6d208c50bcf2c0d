-- One pass over the UTF-8 download, in parallel: every line typed into raw.customs_platform. A line breaking a rule
-- gets `problems` (field, value as written, rule), copied to quarantine afterwards; a line that is not data
-- (a 合计 line, a 资料来源 footer, a line of empty cells) gets an empty list. Lines are numbered
-- by the next step from their order of insertion (a window here would run on one thread).
-- Parameters: $path, $columns (name -> VARCHAR, one per CSV position), $skip (lines above the data), $load_id,
-- $file_name.
INSERT INTO raw.customs_platform BY NAME
WITH lines AS (
    SELECT *
    FROM ((
        -- Every column the platform can give; the ones this download did not choose stay NULL.
        SELECT NULL::VARCHAR AS year_month, NULL::VARCHAR AS hs_code, NULL::VARCHAR AS product_name,
               NULL::VARCHAR AS partner_code, NULL::VARCHAR AS partner_name,
               NULL::VARCHAR AS trade_mode_code, NULL::VARCHAR AS trade_mode_name,
               NULL::VARCHAR AS reg_place_code, NULL::VARCHAR AS reg_place_name,
               NULL::VARCHAR AS quantity_1, NULL::VARCHAR AS unit_1, NULL::VARCHAR AS quantity_2,
               NULL::VARCHAR AS unit_2, NULL::VARCHAR AS value_yuan, NULL::VARCHAR AS value_usd
        LIMIT 0
    )
    UNION ALL BY NAME
    SELECT * FROM read_csv(
        $path, columns = $columns, header = false, skip = $skip,
        auto_detect = false, delim = ',', quote = '"', escape = '"', null_padding = true,
        store_rejects = true, rejects_table = 'customs_platform_rejects', rejects_scan = 'customs_platform_reject_scans'
    ))
),
cleaned AS (
    SELECT l.*, p.*,
           CASE WHEN regexp_full_match(trim(year_month), '\d{6}') THEN trim(year_month)::INTEGER END AS yyyymm,
           -- Thousands separators and '-' for nothing, as the platform writes them.
           nullif(nullif(replace(trim(quantity_1), ',', ''), '-'), '') AS q1,
           nullif(nullif(replace(trim(quantity_2), ',', ''), '-'), '') AS q2,
           nullif(nullif(replace(trim(value_yuan), ',', ''), '-'), '') AS vy,
           nullif(nullif(replace(trim(value_usd), ',', ''), '-'), '') AS vu,
           -- A 合计 line, a footer (资料来源, 注：, 说明：) or a line of empty cells (read as '合计' here) is not
           -- data. 注 and 说明 count only with their colon: 注射器 is a product.
           NOT regexp_matches(
               coalesce(year_month, hs_code, product_name, partner_code, partner_name, trade_mode_code,
                        trade_mode_name, reg_place_code, reg_place_name, quantity_1, unit_1, quantity_2, unit_2,
                        value_yuan, value_usd, '合计'),
               '^\s*(合计|总计|小计|资料来源|(来源|注|说明)[:：])') AS is_data
    FROM lines l CROSS JOIN customs_platform_params p
),
typed AS (
    SELECT *,
           CASE WHEN year_month IS NULL THEN file_year ELSE yyyymm // 100 END AS year,
           CASE WHEN year_month IS NULL THEN file_month_from ELSE yyyymm % 100 END AS month_from,
           CASE WHEN year_month IS NULL THEN file_month_to ELSE yyyymm % 100 END AS month_to,
           TRY_CAST(q1 AS DECIMAL(20, 4)) AS quantity_1_n,
           TRY_CAST(q2 AS DECIMAL(20, 4)) AS quantity_2_n,
           TRY_CAST(vy AS DECIMAL(20, 2)) AS value_yuan_n,
           TRY_CAST(vu AS DECIMAL(20, 2)) AS value_usd_n
    FROM cleaned
),
flagged AS (
    SELECT *,
           coalesce(year_month IS NOT NULL AND (month_to NOT BETWEEN 1 AND 12 OR year NOT BETWEEN 2000 AND 2099),
                    year_month IS NOT NULL) AS bad_period,
           year_month IS NULL AND file_year IS NULL AS no_period,
           coalesce(NOT regexp_full_match(trim(hs_code), '(\d{2}){1,5}'), false) AS bad_hs_code,
           q1 IS NOT NULL AND quantity_1_n IS NULL AS bad_quantity_1,
           q2 IS NOT NULL AND quantity_2_n IS NULL AS bad_quantity_2,
           vy IS NOT NULL AND value_yuan_n IS NULL AS bad_value_yuan,
           vu IS NOT NULL AND value_usd_n IS NULL AS bad_value_usd,
           coalesce(value_yuan_n < 0, false) AS negative_value_yuan,
           coalesce(value_usd_n < 0, false) AS negative_value_usd,
           vy IS NULL AND vu IS NULL AS no_value
    FROM typed
)
SELECT $load_id AS load_id, $file_name AS file_name, first_line AS row_number, year, month_from, month_to,
       trim(hs_code) AS hs_code, trim(product_name) AS product_name,
       trim(partner_code) AS partner_code, trim(partner_name) AS partner_name,
       trim(trade_mode_code) AS trade_mode_code, trim(trade_mode_name) AS trade_mode_name,
       trim(reg_place_code) AS reg_place_code, trim(reg_place_name) AS reg_place_name,
       quantity_1_n AS quantity_1, nullif(nullif(trim(unit_1), '-'), '') AS unit_1,
       quantity_2_n AS quantity_2, nullif(nullif(trim(unit_2), '-'), '') AS unit_2,
       value_yuan_n AS value_yuan, value_usd_n AS value_usd,
       CASE WHEN NOT is_data THEN []
            WHEN bad_period OR no_period OR bad_hs_code OR bad_quantity_1 OR bad_quantity_2 OR bad_value_yuan
                 OR bad_value_usd OR negative_value_yuan OR negative_value_usd OR no_value
       THEN list_filter([
           CASE WHEN bad_period THEN {'field': 'year_month', 'value': year_month, 'rule': 'period'} END,
           CASE WHEN no_period THEN {'field': 'year_month', 'value': NULL, 'rule': 'period_missing'} END,
           CASE WHEN bad_hs_code THEN {'field': 'hs_code', 'value': hs_code, 'rule': 'hs_code_format'} END,
           CASE WHEN bad_quantity_1 THEN {'field': 'quantity_1', 'value': quantity_1, 'rule': 'number'} END,
           CASE WHEN bad_quantity_2 THEN {'field': 'quantity_2', 'value': quantity_2, 'rule': 'number'} END,
           CASE WHEN bad_value_yuan THEN {'field': 'value_yuan', 'value': value_yuan, 'rule': 'number'} END,
           CASE WHEN bad_value_usd THEN {'field': 'value_usd', 'value': value_usd, 'rule': 'number'} END,
           CASE WHEN negative_value_yuan THEN {'field': 'value_yuan', 'value': value_yuan, 'rule': 'not_negative'} END,
           CASE WHEN negative_value_usd THEN {'field': 'value_usd', 'value': value_usd, 'rule': 'not_negative'} END,
           CASE WHEN no_value THEN {'field': value_field, 'value': NULL, 'rule': 'required'} END
       ], lambda problem: problem IS NOT NULL) END AS problems
FROM flagged;
