CREATE OR REPLACE TABLE core.fx_rates AS
SELECT year, month, usd_cny FROM raw.ref_fx_rates;

COMMENT ON TABLE core.fx_rates IS '美元兑人民币月汇率 monthly USD/CNY rates (reference/fx_rates.csv)';
COMMENT ON COLUMN core.fx_rates.year IS '年份 year';
COMMENT ON COLUMN core.fx_rates.month IS '月份 month';
COMMENT ON COLUMN core.fx_rates.usd_cny IS '汇率（1美元兑人民币元）yuan per US dollar';
