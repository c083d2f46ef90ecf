-- History, as-of and readable BI views. Same meaning in every dialect.

-- Effective-dated region lookup: which region row a code means in a period. A code resolves in a
-- period when the row's validity overlaps the period (Shaoxing County 330621 resolves for 2012Q4,
-- Keqiao District 330603 for 2014Q1); successor_code names the code that replaced it.
CREATE VIEW dw.region_in_period AS
SELECT
    p.period_key,
    p.period_code,
    r.region_key,
    r.region_code,
    r.name_zh,
    r.name_en,
    r.level,
    r.parent_code,
    r.valid_from,
    r.valid_to,
    r.successor_code
FROM dw.period p
JOIN dw.region r
  ON r.valid_from <= p.period_end
 AND (r.valid_to IS NULL OR r.valid_to >= p.ytd_start);
GO

-- Readable dimensions for BI tools.
CREATE VIEW bi.region AS
SELECT
    r.region_key,
    r.region_code,
    r.name_zh          AS region_name_zh,
    r.name_en          AS region_name_en,
    r.level            AS region_level,
    r.parent_code      AS parent_region_code,
    pr.name_zh         AS parent_region_name_zh,
    pr.name_en         AS parent_region_name_en,
    r.valid_from,
    r.valid_to,
    r.successor_code
FROM dw.region r
LEFT JOIN dw.region pr
  ON pr.region_code = r.parent_code AND pr.valid_to IS NULL;
GO

CREATE VIEW bi.period AS
SELECT
    p.period_key,
    p.period_code,
    p.year,
    p.quarter,
    p.label_zh         AS period_label_zh,
    p.label_en         AS period_label_en,
    p.ytd_start,
    p.period_end
FROM dw.period p;
GO

CREATE VIEW bi.indicator AS
SELECT
    i.indicator_key,
    i.indicator_code,
    i.name_zh          AS indicator_name_zh,
    i.name_en          AS indicator_name_en,
    i.unit,
    i.kind             AS indicator_kind,
    i.direction,
    i.rank_precision,
    i.numerator_code,
    i.denominator_code
FROM dw.indicator i;
GO

-- Every value the warehouse has held: the facts of accepted and superseded submissions, each with
-- when it was loaded and when (if ever) a newer submission replaced it. The as-of question "what
-- did the warehouse say at time T" is: loaded_at <= T AND (superseded_at IS NULL OR superseded_at > T).
CREATE VIEW bi.indicator_value_history AS
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
    i.direction,
    f.value,
    f.explanation,
    s.submission_id,
    s.status           AS submission_status,
    s.file_name,
    s.received_at,
    s.loaded_at,
    s.superseded_at,
    s.superseded_by
FROM dw.fact_indicator_value f
JOIN etl.submission s ON s.submission_id = f.submission_id AND s.status IN (N'accepted', N'superseded')
JOIN dw.region r      ON r.region_key = f.region_key
JOIN dw.period p      ON p.period_key = f.period_key
JOIN dw.indicator i   ON i.indicator_key = f.indicator_key;
GO

-- As of a moment: the values the warehouse showed then (SQLite: the documented query on the view).
CREATE FUNCTION bi.indicator_value_as_of (@as_of datetimeoffset(7))
RETURNS TABLE
AS RETURN
    SELECT h.region_code, h.region_name_zh, h.region_name_en, h.region_level, h.parent_region_code, h.period_code, h.year, h.quarter, h.period_label_zh, h.period_label_en, h.indicator_code, h.indicator_name_zh, h.indicator_name_en, h.unit, h.indicator_kind, h.direction, h.value, h.explanation, h.submission_id, h.submission_status, h.file_name, h.received_at, h.loaded_at, h.superseded_at, h.superseded_by
    FROM bi.indicator_value_history h
    WHERE h.loaded_at <= @as_of AND (h.superseded_at IS NULL OR h.superseded_at > @as_of);
GO
