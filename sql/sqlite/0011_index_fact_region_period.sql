-- A region's facts over a window of quarters, for the outlier rules' history of every file
-- imported: without this index the lookup went through (period_key, indicator_key, region_key)
-- and read every region's facts of the window, a cost that grew with each quarter loaded.
CREATE INDEX ix_fact_region_period ON dw_fact_indicator_value (region_key, period_key);
