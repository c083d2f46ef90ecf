-- What did the warehouse say at a moment: the values loaded by then and not yet replaced by a
-- later submission. Parameters: @AsOf (a UTC timestamp), @PeriodCode.
-- PostgreSQL and SQL Server also offer this as the function bi.indicator_value_as_of(@AsOf).
SELECT
    region_code,
    region_name_en,
    period_code,
    indicator_code,
    value,
    submission_id,
    loaded_at,
    superseded_at
FROM bi.indicator_value_history
WHERE loaded_at <= @AsOf
  AND (superseded_at IS NULL OR superseded_at > @AsOf)
  AND period_code = @PeriodCode
ORDER BY region_code, indicator_code;
