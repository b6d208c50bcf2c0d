-- Every line of the download from its first data line on, split into the fields the download chose. DuckDB reads
-- each line as it is: no quote character, so a broken quote costs its own line and never swallows the next; a GBK
-- file as latin-1, one character per byte, so it is never transcoded: GBK and UTF-8 agree on every byte below
-- 0x80 (quotes, commas, digits, codes), and the later steps decode the few distinct texts. The delimiter is the
-- platform's own '","': its lines ("a","b",..."z",) arrive split, with only the outer quote of the first and last
-- field left; any other line is split here by the CSV grammar (RFC 4180), which also tells a broken one.
-- Not rows: blank lines, and lines in customs_platform_rejects (over line_bytes, or bytes that UTF-8 does not
-- have in a file read as UTF-8); the loader numbers around both.
-- Parameters: csv_path, part_types (p1..pN: VARCHAR, N = header_width + 2), skip_count, text_encoding, line_bytes,
-- header_width (the header's CSV positions), field_column (field -> 1-based position, NULL when not chosen),
-- rejects_name (where the lines not read are listed, and its _scans).
CREATE OR REPLACE TEMP MACRO customs_platform_part(parts, position, head, tail, last) AS
    CASE position WHEN 1 THEN head WHEN last THEN tail ELSE parts[position] END;

CREATE OR REPLACE TEMP MACRO customs_platform_cells(csv_path, part_types, skip_count, text_encoding, line_bytes,
                                                    header_width, field_column, rejects_name) AS TABLE
WITH scanned AS (
    SELECT list_value(*COLUMNS('^p\d+$')) AS parts
    FROM read_csv(
        csv_path, columns = part_types, header = false, auto_detect = false, encoding = text_encoding,
        new_line = '\r\n', quote = '', escape = '', delim = '","', strict_mode = false, null_padding = true,
        skip = skip_count,
        -- An empty field is '', not NULL (the null string is a private-use character no download has): NULL only
        -- pads a line shorter than the header.
        nullstr = '', max_line_size = line_bytes,
        store_rejects = true, rejects_table = rejects_name, rejects_scan = rejects_name || '_scans'
    )
),
shaped AS (
    -- The last field: a trailing comma (the platform writes one, which the header counts as a last, empty field)
    -- stays with the field before it.
    SELECT parts, CASE WHEN parts[header_width] IS NULL THEN header_width - 1 ELSE header_width END AS last
    FROM scanned
),
ends AS (
    SELECT parts, last,
           coalesce(prefix(parts[1], '"') AND parts[last + 1] IS NULL
                    AND (suffix(parts[last], '",') OR (last = header_width AND suffix(parts[last], '"'))), false)
               AS platform_shape,
           parts[1][2:] AS head,
           CASE WHEN suffix(parts[last], '",') THEN parts[last][:-3] ELSE parts[last][:-2] END AS tail
    FROM shaped
),
fast AS (
    SELECT parts, platform_shape,
           customs_platform_part(parts, field_column['year_month'], head, tail, last) AS year_month,
           customs_platform_part(parts, field_column['hs_code'], head, tail, last) AS hs_code,
           customs_platform_part(parts, field_column['product_name'], head, tail, last) AS product_name,
           customs_platform_part(parts, field_column['partner_code'], head, tail, last) AS partner_code,
           customs_platform_part(parts, field_column['partner_name'], head, tail, last) AS partner_name,
           customs_platform_part(parts, field_column['trade_mode_code'], head, tail, last) AS trade_mode_code,
           customs_platform_part(parts, field_column['trade_mode_name'], head, tail, last) AS trade_mode_name,
           customs_platform_part(parts, field_column['reg_place_code'], head, tail, last) AS reg_place_code,
           customs_platform_part(parts, field_column['reg_place_name'], head, tail, last) AS reg_place_name,
           customs_platform_part(parts, field_column['quantity_1'], head, tail, last) AS quantity_1,
           customs_platform_part(parts, field_column['unit_1'], head, tail, last) AS unit_1,
           customs_platform_part(parts, field_column['quantity_2'], head, tail, last) AS quantity_2,
           customs_platform_part(parts, field_column['unit_2'], head, tail, last) AS unit_2,
           customs_platform_part(parts, field_column['value_yuan'], head, tail, last) AS value_yuan,
           customs_platform_part(parts, field_column['value_usd'], head, tail, last) AS value_usd
    FROM ends
),
checked AS (
    -- A quote left inside a field means the line only looked like the platform's: the grammar decides.
    SELECT *, platform_shape AND NOT coalesce(
               contains(year_month, '"') OR contains(hs_code, '"') OR contains(product_name, '"')
               OR contains(partner_code, '"') OR contains(partner_name, '"') OR contains(trade_mode_code, '"')
               OR contains(trade_mode_name, '"') OR contains(reg_place_code, '"') OR contains(reg_place_name, '"')
               OR contains(quantity_1, '"') OR contains(unit_1, '"') OR contains(quantity_2, '"')
               OR contains(unit_2, '"') OR contains(value_yuan, '"') OR contains(value_usd, '"'), false) AS split
    FROM fast
),
lines AS (
    SELECT *, CASE WHEN NOT split THEN array_to_string(parts, '","') END AS line,
           -- The last part read is only there to tell a line with more fields than DuckDB was asked for.
           parts[header_width + 2] IS NOT NULL AS cut
    FROM checked
),
grammar AS (
    SELECT *,
           CASE WHEN NOT split AND NOT cut
                     AND regexp_full_match(line, '(?:"(?:[^"]|"")*"|[^",]*)(?:,(?:"(?:[^"]|"")*"|[^",]*))*')
                THEN list_transform(regexp_extract_all(',' || line, ',("(?:[^"]|"")*"|[^",]*)', 1),
                                    lambda cell: CASE WHEN prefix(cell, '"') THEN replace(cell[2:-2], '""', '"')
                                                      ELSE cell END)
           END AS cells
    FROM lines
)
SELECT nullif(CASE WHEN split THEN year_month ELSE cells[field_column['year_month']] END, '') AS year_month,
       nullif(CASE WHEN split THEN hs_code ELSE cells[field_column['hs_code']] END, '') AS hs_code,
       nullif(CASE WHEN split THEN product_name ELSE cells[field_column['product_name']] END, '') AS product_name,
       nullif(CASE WHEN split THEN partner_code ELSE cells[field_column['partner_code']] END, '') AS partner_code,
       nullif(CASE WHEN split THEN partner_name ELSE cells[field_column['partner_name']] END, '') AS partner_name,
       nullif(CASE WHEN split THEN trade_mode_code ELSE cells[field_column['trade_mode_code']] END, '')
           AS trade_mode_code,
       nullif(CASE WHEN split THEN trade_mode_name ELSE cells[field_column['trade_mode_name']] END, '')
           AS trade_mode_name,
       nullif(CASE WHEN split THEN reg_place_code ELSE cells[field_column['reg_place_code']] END, '') AS reg_place_code,
       nullif(CASE WHEN split THEN reg_place_name ELSE cells[field_column['reg_place_name']] END, '') AS reg_place_name,
       nullif(CASE WHEN split THEN quantity_1 ELSE cells[field_column['quantity_1']] END, '') AS quantity_1,
       nullif(CASE WHEN split THEN unit_1 ELSE cells[field_column['unit_1']] END, '') AS unit_1,
       nullif(CASE WHEN split THEN quantity_2 ELSE cells[field_column['quantity_2']] END, '') AS quantity_2,
       nullif(CASE WHEN split THEN unit_2 ELSE cells[field_column['unit_2']] END, '') AS unit_2,
       nullif(CASE WHEN split THEN value_yuan ELSE cells[field_column['value_yuan']] END, '') AS value_yuan,
       nullif(CASE WHEN split THEN value_usd ELSE cells[field_column['value_usd']] END, '') AS value_usd,
       -- A line that splits neither way is quarantined whole, named by its first broken field: the fields before
       -- it are complete, each followed by a comma.
       NOT split AND cells IS NULL AS broken,
       CASE WHEN NOT split AND cells IS NULL THEN line || CASE WHEN cut THEN '…' ELSE '' END END
           AS broken_line,
       CASE WHEN NOT split AND cells IS NULL
            THEN len(regexp_extract_all(regexp_extract(line, '^(?:(?:"(?:[^"]|"")*"|[^",]*),)*'),
                                        '(?:"(?:[^"]|"")*"|[^",]*),')) + 1
       END AS broken_column
FROM grammar;
