-- What the load needs to know about the download: where its data starts, the period its name carries, the field
-- its amount is in, whether its texts arrive as latin-1 bytes to decode and whether it holds a NUL at all, the
-- range rule's bound and the plausible years (schemas/years.py).
CREATE OR REPLACE TEMP TABLE customs_platform_params AS
SELECT $first_line::BIGINT AS first_line, $year::INTEGER AS file_year, $month_from::INTEGER AS file_month_from,
       $month_to::INTEGER AS file_month_to, $value_field::VARCHAR AS value_field, $decode::BOOLEAN AS decode,
       $has_nul::BOOLEAN AS has_nul, $largest::DECIMAL(38, 2) AS largest, $first_year::INTEGER AS first_year,
       $last_year::INTEGER AS last_year;
