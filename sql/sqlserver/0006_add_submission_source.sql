-- Where a submission's figures come from: 'return' (a district's or city's own quarterly workbook)
-- or 'bulletin' (a province comparison table; one submission per region of the table, all with the
-- file's hash). A region can have one current return and one current bulletin submission for a
-- period; where both give a value for an indicator, the region's own return is the current value.
-- Also correct when applied after 0007-0009: no view or function of 0009 reads
-- bi.indicator_value_current, and those name their etl.submission columns (none is schema-bound).

-- NOT NULL with a default: existing rows (all district returns) get 'return'.
ALTER TABLE etl.submission ADD
    source_kind  nvarchar(8)   NOT NULL CONSTRAINT df_submission_source_kind DEFAULT N'return'
                               CONSTRAINT ck_submission_source_kind CHECK (source_kind IN (N'return', N'bulletin')),
    source_title nvarchar(400) NULL;
GO

DROP INDEX ux_submission_current ON etl.submission;
CREATE UNIQUE INDEX ux_submission_current ON etl.submission (region_key, period_key, source_kind) WHERE status = N'accepted';
GO

DROP VIEW bi.indicator_value_current;
GO

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
JOIN etl.submission s ON s.submission_id = f.submission_id AND s.status = N'accepted'
JOIN dw.region r      ON r.region_key = f.region_key
JOIN dw.period p      ON p.period_key = f.period_key
JOIN dw.indicator i   ON i.indicator_key = f.indicator_key
WHERE s.source_kind = N'return'
   OR NOT EXISTS (
        SELECT 1
        FROM dw.fact_indicator_value f2
        JOIN etl.submission s2 ON s2.submission_id = f2.submission_id AND s2.status = N'accepted' AND s2.source_kind = N'return'
        WHERE f2.region_key = f.region_key AND f2.period_key = f.period_key AND f2.indicator_key = f.indicator_key
          AND f2.value IS NOT NULL);
GO
