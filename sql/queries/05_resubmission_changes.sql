-- Values that a resubmission changed: each superseded value beside the value that replaced it.
-- Parameter: @PeriodCode.
SELECT
    h_old.region_code,
    h_old.region_name_en,
    h_old.indicator_code,
    h_old.value          AS old_value,
    h_new.value          AS new_value,
    h_old.submission_id  AS old_submission_id,
    h_new.submission_id  AS new_submission_id,
    h_old.superseded_at
FROM bi.indicator_value_history h_old
JOIN bi.indicator_value_history h_new
  ON h_new.submission_id = h_old.superseded_by AND h_new.indicator_code = h_old.indicator_code
WHERE h_old.period_code = @PeriodCode
  AND (h_old.value <> h_new.value OR (h_old.value IS NULL AND h_new.value IS NOT NULL) OR (h_old.value IS NOT NULL AND h_new.value IS NULL))
ORDER BY h_old.region_code, h_old.indicator_code, h_old.submission_id;
