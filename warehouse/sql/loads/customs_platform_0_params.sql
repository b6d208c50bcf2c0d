-- What the load needs to know about the file: where its data starts and the period its name carries.
CREATE OR REPLACE TEMP TABLE customs_platform_params AS
SELECT $first_line::BIGINT AS first_line, $year::INTEGER AS file_year, $month_from::INTEGER AS file_month_from,
       $month_to::INTEGER AS file_month_to, $value_field::VARCHAR AS value_field;
