-- One row per enterprise and reported month: 累计 from the file, 当月 from the file or else from the previous
-- month's 累计. A month is "reported" when a customs enterprise table for it is in force; an enterprise a
-- reported month does not list had no trade yet that year.
CREATE OR REPLACE TABLE core.trade_reported_months AS
SELECT DISTINCT year, month FROM core.trade_enterprise_monthly;

COMMENT ON TABLE core.trade_reported_months IS '企业进出口表已报送的月份 the months a customs enterprise table is in force for';
COMMENT ON COLUMN core.trade_reported_months.year IS '年份 year';
COMMENT ON COLUMN core.trade_reported_months.month IS '月份 month';
