CREATE OR REPLACE TABLE core.fx_rates AS
SELECT year, month, usd_cny FROM raw.ref_fx_rates;
