-- Current value of every indicator for every region in one period, with readable names.
-- Parameter: @PeriodCode, e.g. '2025Q3'. (SQLite: read bi_ for bi.)
SELECT
    region_code,
    region_name_zh,
    region_name_en,
    region_level,
    period_label_zh,
    period_label_en,
    indicator_code,
    indicator_name_zh,
    indicator_name_en,
    unit,
    value
FROM bi.indicator_value_current
WHERE period_code = @PeriodCode
ORDER BY region_code, indicator_code;
