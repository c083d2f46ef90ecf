-- Views for BI tools: readable columns, current values only.

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
    s.received_at
FROM dw.fact_indicator_value f
JOIN etl.submission s ON s.submission_id = f.submission_id AND s.status = 'accepted'
JOIN dw.region r      ON r.region_key = f.region_key
JOIN dw.period p      ON p.period_key = f.period_key
JOIN dw.indicator i   ON i.indicator_key = f.indicator_key;

CREATE VIEW bi.submission AS
SELECT
    s.submission_id,
    s.file_name,
    s.file_sha256,
    s.region_code,
    r.name_zh AS region_name_zh,
    r.name_en AS region_name_en,
    s.period_code,
    s.status,
    s.value_count,
    s.error_count,
    s.warning_count,
    s.submitter,
    s.received_at,
    s.loaded_at,
    s.superseded_at,
    s.superseded_by
FROM etl.submission s
LEFT JOIN dw.region r ON r.region_key = s.region_key;
