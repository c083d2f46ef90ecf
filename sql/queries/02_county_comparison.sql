-- One indicator across the county-level units of each city in one period, best first by the
-- indicator's direction (the urban-rural income ratio ranks low to high). Regions without a value
-- come last. Parameters: @PeriodCode, @IndicatorCode (e.g. 'RATIO_URBAN_RURAL').
SELECT
    v.parent_region_code,
    v.region_code,
    v.region_name_zh,
    v.region_name_en,
    v.indicator_name_en,
    v.unit,
    v.value,
    i.direction
FROM bi.indicator_value_current v
JOIN bi.indicator i ON i.indicator_code = v.indicator_code
WHERE v.period_code = @PeriodCode
  AND v.indicator_code = @IndicatorCode
  AND v.region_level IN ('county', 'functional_area')
ORDER BY
    v.parent_region_code,
    CASE WHEN v.value IS NULL THEN 1 ELSE 0 END,
    CASE WHEN i.direction = 'lower' THEN v.value ELSE -v.value END;
