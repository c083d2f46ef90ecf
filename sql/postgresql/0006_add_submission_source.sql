-- Where a submission's figures come from: 'return' (a district's or city's own quarterly workbook)
-- or 'bulletin' (a province comparison table; one submission per region of the table, all with the
-- file's hash). A region can have one current return and one current bulletin submission for a
-- period; where both give a value for an indicator, the region's own return is the current value.
-- Also correct when applied after 0007-0009: no view of 0009 reads bi.indicator_value_current, and
-- those views name their etl.submission columns, so adding columns here leaves them unchanged.

ALTER TABLE etl.submission ADD COLUMN source_kind varchar(8) NOT NULL DEFAULT 'return'
    CONSTRAINT ck_submission_source_kind CHECK (source_kind IN ('return', 'bulletin'));
ALTER TABLE etl.submission ADD COLUMN source_title varchar(400) NULL;

DROP INDEX etl.ux_submission_current;
CREATE UNIQUE INDEX ux_submission_current ON etl.submission (region_key, period_key, source_kind) WHERE status = 'accepted';

DROP VIEW bi.indicator_value_current;
CREATE VIEW bi.indicator_value_current AS
SELECT
    r.region_code,
    r.name_zh          AS region_name_zh,
    r.name_en          AS region_name_en,
    r.level            AS region_level,
    r.parent_code      AS parent_region_code,
    p.period_code,
    p.year,
    p.quarter,
    p.label_zh         AS period_label_zh,
    p.label_en         AS period_label_en,
    i.indicator_code,
    i.name_zh          AS indicator_name_zh,
    i.name_en          AS indicator_name_en,
    i.unit,
    i.kind             AS indicator_kind,
    f.value,
    f.explanation,
    s.submission_id,
    s.file_name,
    s.received_at,
    s.source_kind,
    s.source_title
FROM dw.fact_indicator_value f
JOIN etl.submission s ON s.submission_id = f.submission_id AND s.status = 'accepted'
JOIN dw.region r      ON r.region_key = f.region_key
JOIN dw.period p      ON p.period_key = f.period_key
JOIN dw.indicator i   ON i.indicator_key = f.indicator_key
WHERE s.source_kind = 'return'
   OR NOT EXISTS (
        SELECT 1
        FROM dw.fact_indicator_value f2
        JOIN etl.submission s2 ON s2.submission_id = f2.submission_id AND s2.status = 'accepted' AND s2.source_kind = 'return'
        WHERE f2.region_key = f.region_key AND f2.period_key = f.period_key AND f2.indicator_key = f.indicator_key
          AND f2.value IS NOT NULL);
