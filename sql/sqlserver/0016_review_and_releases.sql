-- Review, publication and revision. A return that passes validation waits for review ('pending')
-- unless review is off; a reviewer approves it (it becomes 'accepted': the current official
-- figures) or returns it to the district ('returned', with the reason). A period is published as
-- numbered releases (etl.release); a return that arrives for a published period is a revision
-- (is_revision): pending until approved with a revision note, and its approval makes a new
-- release. 'unchanged' records a file whose figures equal the region's latest return. Every
-- action leaves a row in etl.review_action. received_at is when the file arrived (the upload, the
-- inbox scan that first saw it, or the file's time); recorded_at is when the warehouse recorded it.

CREATE TABLE etl.release (
    release_id      bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_release PRIMARY KEY,
    period_key      int               NOT NULL CONSTRAINT fk_release_period REFERENCES dw.period (period_key),
    release_no      int               NOT NULL,
    release_kind    nvarchar(12)      NOT NULL CONSTRAINT ck_release_kind CHECK (release_kind IN (N'publication', N'revision')),
    published_at    datetimeoffset(7) NOT NULL,
    published_by    nvarchar(200)     NOT NULL,
    note            nvarchar(2000)    NULL,
    CONSTRAINT ux_release_period_no UNIQUE (period_key, release_no)
);

ALTER TABLE etl.submission DROP CONSTRAINT ck_submission_status;
ALTER TABLE etl.submission ADD CONSTRAINT ck_submission_status
    CHECK (status IN (N'pending', N'accepted', N'returned', N'superseded', N'unchanged', N'rejected'));
ALTER TABLE etl.submission ADD
    recorded_at   datetimeoffset(7) NULL,
    due_on        date              NULL,
    days_late     int               NULL,
    is_revision   bit               NOT NULL CONSTRAINT df_submission_is_revision DEFAULT 0,
    restored_from bigint            NULL CONSTRAINT fk_submission_restored_from REFERENCES etl.submission (submission_id),
    same_as       bigint            NULL CONSTRAINT fk_submission_same_as REFERENCES etl.submission (submission_id),
    reviewed_at   datetimeoffset(7) NULL,
    reviewed_by   nvarchar(200)     NULL,
    review_note   nvarchar(2000)    NULL,
    approved_at   datetimeoffset(7) NULL,
    approved_by   nvarchar(200)     NULL,
    release_id    bigint            NULL CONSTRAINT fk_submission_release REFERENCES etl.release (release_id);
GO

UPDATE etl.submission SET recorded_at = received_at;
UPDATE etl.submission SET approved_at = loaded_at, approved_by = N'import' WHERE status IN (N'accepted', N'superseded');

CREATE UNIQUE INDEX ux_submission_pending ON etl.submission (region_key, period_key, source_kind) WHERE status = N'pending';
CREATE INDEX ix_submission_status ON etl.submission (status, period_key);

CREATE TABLE etl.review_action (
    action_id       bigint IDENTITY(1,1) NOT NULL CONSTRAINT pk_review_action PRIMARY KEY,
    action          nvarchar(32)      NOT NULL,
    outcome         nvarchar(8)       NOT NULL CONSTRAINT ck_review_action_outcome CHECK (outcome IN (N'done', N'no-op')),
    submission_id   bigint            NULL CONSTRAINT fk_review_action_submission REFERENCES etl.submission (submission_id),
    period_key      int               NULL CONSTRAINT fk_review_action_period REFERENCES dw.period (period_key),
    release_id      bigint            NULL CONSTRAINT fk_review_action_release REFERENCES etl.release (release_id),
    actor           nvarchar(200)     NOT NULL,
    acted_at        datetimeoffset(7) NOT NULL,
    note            nvarchar(2000)    NULL
);

CREATE INDEX ix_review_action_submission ON etl.review_action (submission_id);
GO

-- The current official figures, now with the release they were published in (NULL: approved,
-- not yet published).
GO

ALTER VIEW bi.indicator_value_current AS
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
    s.source_title,
    s.approved_at,
    rel.release_no,
    rel.published_at
FROM dw.fact_indicator_value f
JOIN etl.submission s ON s.submission_id = f.submission_id AND s.status = N'accepted'
JOIN dw.region r      ON r.region_key = f.region_key
JOIN dw.period p      ON p.period_key = f.period_key
JOIN dw.indicator i   ON i.indicator_key = f.indicator_key
LEFT JOIN etl.release rel ON rel.release_id = s.release_id
WHERE s.source_kind = N'return'
   OR NOT EXISTS (
        SELECT 1
        FROM dw.fact_indicator_value f2
        JOIN etl.submission s2 ON s2.submission_id = f2.submission_id AND s2.status = N'accepted' AND s2.source_kind = N'return'
        WHERE f2.region_key = f.region_key AND f2.period_key = f.period_key AND f2.indicator_key = f.indicator_key
          AND f2.value IS NOT NULL);

-- Figures waiting for review (first returns and revisions): visible, not official.
GO

CREATE VIEW bi.indicator_value_pending AS
SELECT
    r.region_code,
    r.name_zh          AS region_name_zh,
    p.period_code,
    p.label_zh         AS period_label_zh,
    i.indicator_code,
    i.name_zh          AS indicator_name_zh,
    i.unit,
    f.value,
    f.explanation,
    s.submission_id,
    s.file_name,
    s.received_at,
    s.is_revision,
    s.warning_count
FROM dw.fact_indicator_value f
JOIN etl.submission s ON s.submission_id = f.submission_id AND s.status = N'pending'
JOIN dw.region r      ON r.region_key = f.region_key
JOIN dw.period p      ON p.period_key = f.period_key
JOIN dw.indicator i   ON i.indicator_key = f.indicator_key;

GO

CREATE VIEW bi.release AS
SELECT
    rel.release_id,
    p.period_code,
    p.label_zh         AS period_label_zh,
    rel.release_no,
    rel.release_kind,
    rel.published_at,
    rel.published_by,
    rel.note
FROM etl.release rel
JOIN dw.period p ON p.period_key = rel.period_key;

-- The district returns' figures as each release published them: for release N of a period, every
-- region's submission published in release N or before and not replaced by one published by N.
GO

CREATE VIEW bi.indicator_value_as_of_release AS
SELECT
    p.period_code,
    rel.release_no     AS as_of_release_no,
    rel.published_at   AS as_of_published_at,
    r.region_code,
    r.name_zh          AS region_name_zh,
    i.indicator_code,
    i.name_zh          AS indicator_name_zh,
    i.unit,
    f.value,
    s.submission_id,
    own.release_no     AS published_in_release_no
FROM etl.release rel
JOIN etl.submission s   ON s.period_key = rel.period_key AND s.source_kind = N'return' AND s.release_id IS NOT NULL
JOIN etl.release own    ON own.release_id = s.release_id AND own.release_no <= rel.release_no
JOIN dw.fact_indicator_value f ON f.submission_id = s.submission_id
JOIN dw.region r        ON r.region_key = f.region_key
JOIN dw.period p        ON p.period_key = rel.period_key
JOIN dw.indicator i     ON i.indicator_key = f.indicator_key
WHERE NOT EXISTS (
    SELECT 1 FROM etl.submission s2
    JOIN etl.release own2 ON own2.release_id = s2.release_id
    WHERE s2.region_key = s.region_key AND s2.period_key = s.period_key AND s2.source_kind = N'return'
      AND own2.release_no <= rel.release_no AND own2.release_no > own.release_no);

-- Every value the warehouse has held as official figures (approved, current or replaced since).
GO

ALTER VIEW bi.indicator_value_history AS
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
    COALESCE(s.approved_at, s.loaded_at) AS loaded_at,
    s.superseded_at,
    s.superseded_by
FROM dw.fact_indicator_value f
JOIN etl.submission s ON s.submission_id = f.submission_id AND s.status IN (N'accepted', N'superseded') AND s.approved_at IS NOT NULL
JOIN dw.region r      ON r.region_key = f.region_key
JOIN dw.period p      ON p.period_key = f.period_key
JOIN dw.indicator i   ON i.indicator_key = f.indicator_key;

GO

ALTER VIEW bi.submission AS
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
    s.superseded_by,
    s.source_kind,
    s.due_on,
    s.days_late,
    s.is_revision,
    s.restored_from,
    s.reviewed_at,
    s.reviewed_by,
    s.review_note,
    s.approved_at,
    s.approved_by,
    rel.release_no
FROM etl.submission s
LEFT JOIN dw.region r ON r.region_key = s.region_key
LEFT JOIN etl.release rel ON rel.release_id = s.release_id;

-- Timeliness (按时上报): per region and period, the first district return that passed validation,
-- when it arrived, its due date and days late. on_time is 1 when it arrived by the due date.
GO

CREATE VIEW bi.submission_timeliness AS
SELECT
    s.region_code,
    r.name_zh          AS region_name_zh,
    r.parent_code      AS parent_region_code,
    s.period_code,
    s.submission_id    AS first_submission_id,
    s.received_at      AS first_received_at,
    s.due_on,
    COALESCE(s.days_late, 0) AS days_late,
    CASE WHEN COALESCE(s.days_late, 0) = 0 THEN 1 ELSE 0 END AS on_time
FROM etl.submission s
JOIN dw.region r ON r.region_key = s.region_key
WHERE s.source_kind = N'return' AND s.status <> N'rejected'
  AND s.submission_id = (
      SELECT MIN(s2.submission_id) FROM etl.submission s2
      WHERE s2.region_key = s.region_key AND s2.period_key = s.period_key AND s2.source_kind = N'return' AND s2.status <> N'rejected');
GO
