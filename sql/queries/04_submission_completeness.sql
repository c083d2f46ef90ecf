-- Which county-level units have a current submission for a period, and which do not yet.
-- Parameter: @PeriodCode.
SELECT
    r.region_code,
    r.region_name_zh,
    r.region_name_en,
    s.submission_id,
    s.file_name,
    s.received_at,
    s.warning_count
FROM bi.region r
LEFT JOIN bi.submission s
  ON s.region_code = r.region_code AND s.period_code = @PeriodCode AND s.status = 'accepted'
WHERE r.region_level IN ('county', 'functional_area')
  AND r.valid_to IS NULL
ORDER BY r.parent_region_code, r.region_code;
