-- Review, publication and revision. A return that passes validation waits for review ('pending')
-- unless review is off; a reviewer approves it (it becomes 'accepted': the current official
-- figures) or returns it to the district ('returned', with the reason). A period is published as
-- numbered releases (etl_release); a return that arrives for a published period is a revision
-- (is_revision = 1): pending until approved with a revision note, and its approval makes a new
-- release. 'unchanged' records a file whose figures equal the region's latest return. Every
-- action leaves a row in etl_review_action. received_at is when the file arrived (the upload, the
-- inbox scan that first saw it, or the file's time); recorded_at is when the warehouse recorded it.
--
-- SQLite cannot change a CHECK constraint in place: etl_submission is rebuilt with the same rows
-- and keys. Foreign keys of the tables that reference it are deferred to the commit, where every
-- reference resolves again (the rows keep their ids).

PRAGMA defer_foreign_keys = ON;

CREATE TABLE etl_release (
    release_id      INTEGER PRIMARY KEY,
    period_key      INTEGER NOT NULL REFERENCES dw_period (period_key),
    release_no      INTEGER NOT NULL,          -- 1 = the publication, 2.. = revisions
    release_kind    TEXT    NOT NULL CHECK (release_kind IN ('publication', 'revision')),
    published_at    TEXT    NOT NULL,          -- ISO 8601 UTC
    published_by    TEXT    NOT NULL,
    note            TEXT    NULL,              -- the revision note (修订说明)
    UNIQUE (period_key, release_no)
);

CREATE TEMP TABLE submission_0015 AS SELECT * FROM etl_submission;

DROP TABLE etl_submission;

CREATE TABLE etl_submission (
    submission_id   INTEGER PRIMARY KEY,
    file_name       TEXT    NOT NULL,
    file_path       TEXT    NOT NULL,
    file_sha256     TEXT    NOT NULL,
    file_bytes      INTEGER NOT NULL,
    region_code     TEXT    NULL,   -- as written in the workbook, even when unknown
    region_key      INTEGER NULL REFERENCES dw_region (region_key),
    period_code     TEXT    NULL,
    period_key      INTEGER NULL REFERENCES dw_period (period_key),
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'accepted', 'returned', 'superseded', 'unchanged', 'rejected')),
    value_count     INTEGER NOT NULL DEFAULT 0,
    error_count     INTEGER NOT NULL DEFAULT 0,
    warning_count   INTEGER NOT NULL DEFAULT 0,
    submitter       TEXT    NULL,
    contact         TEXT    NULL,
    received_at     TEXT    NOT NULL,  -- ISO 8601 UTC: when the file arrived
    loaded_at       TEXT    NULL,
    superseded_at   TEXT    NULL,
    superseded_by   INTEGER NULL REFERENCES etl_submission (submission_id),
    source_kind     TEXT    NOT NULL DEFAULT 'return' CHECK (source_kind IN ('return', 'bulletin')),
    source_title    TEXT    NULL,
    recorded_at     TEXT    NULL,      -- when the warehouse recorded the attempt
    due_on          TEXT    NULL,      -- the period's due date when it arrived (yyyy-mm-dd)
    days_late       INTEGER NULL,      -- whole days after the due date, China time (0: on time)
    is_revision     INTEGER NOT NULL DEFAULT 0,
    restored_from   INTEGER NULL REFERENCES etl_submission (submission_id),
    same_as         INTEGER NULL REFERENCES etl_submission (submission_id),
    reviewed_at     TEXT    NULL,
    reviewed_by     TEXT    NULL,
    review_note     TEXT    NULL,      -- approval or revision note, or the reason it was returned
    approved_at     TEXT    NULL,      -- when it became the official figures
    approved_by     TEXT    NULL,
    release_id      INTEGER NULL REFERENCES etl_release (release_id)  -- the release it was first published in
);

INSERT INTO etl_submission (submission_id, file_name, file_path, file_sha256, file_bytes, region_code, region_key, period_code, period_key,
    status, value_count, error_count, warning_count, submitter, contact, received_at, loaded_at, superseded_at, superseded_by,
    source_kind, source_title, recorded_at, approved_at, approved_by)
SELECT submission_id, file_name, file_path, file_sha256, file_bytes, region_code, region_key, period_code, period_key,
    status, value_count, error_count, warning_count, submitter, contact, received_at, loaded_at, superseded_at, superseded_by,
    source_kind, source_title, received_at,
    CASE WHEN status IN ('accepted', 'superseded') THEN loaded_at END,
    CASE WHEN status IN ('accepted', 'superseded') THEN 'import' END
FROM submission_0015;

DROP TABLE submission_0015;

CREATE INDEX ix_submission_sha256 ON etl_submission (file_sha256);
CREATE INDEX ix_submission_region_period ON etl_submission (region_key, period_key);
-- At most one current (approved) and one pending submission per region, period and source.
CREATE UNIQUE INDEX ux_submission_current ON etl_submission (region_key, period_key, source_kind) WHERE status = 'accepted';
CREATE UNIQUE INDEX ux_submission_pending ON etl_submission (region_key, period_key, source_kind) WHERE status = 'pending';
CREATE INDEX ix_submission_status ON etl_submission (status, period_key);

-- Who did what: approve, return, publish, restore, approve_revision, auto_approve, no_change, bulletin,
-- bulletin_revision. outcome 'done', or 'no-op' for an action repeated (idempotent).
CREATE TABLE etl_review_action (
    action_id       INTEGER PRIMARY KEY,
    action          TEXT    NOT NULL,
    outcome         TEXT    NOT NULL CHECK (outcome IN ('done', 'no-op')),
    submission_id   INTEGER NULL REFERENCES etl_submission (submission_id),
    period_key      INTEGER NULL REFERENCES dw_period (period_key),
    release_id      INTEGER NULL REFERENCES etl_release (release_id),
    actor           TEXT    NOT NULL,
    acted_at        TEXT    NOT NULL,
    note            TEXT    NULL
);

CREATE INDEX ix_review_action_submission ON etl_review_action (submission_id);

-- The current official figures, now with the release they were published in (NULL: approved,
-- not yet published).
DROP VIEW bi_indicator_value_current;
CREATE VIEW bi_indicator_value_current AS
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
FROM dw_fact_indicator_value f
JOIN etl_submission s ON s.submission_id = f.submission_id AND s.status = 'accepted'
JOIN dw_region r      ON r.region_key = f.region_key
JOIN dw_period p      ON p.period_key = f.period_key
JOIN dw_indicator i   ON i.indicator_key = f.indicator_key
LEFT JOIN etl_release rel ON rel.release_id = s.release_id
WHERE s.source_kind = 'return'
   OR NOT EXISTS (
        SELECT 1
        FROM dw_fact_indicator_value f2
        JOIN etl_submission s2 ON s2.submission_id = f2.submission_id AND s2.status = 'accepted' AND s2.source_kind = 'return'
        WHERE f2.region_key = f.region_key AND f2.period_key = f.period_key AND f2.indicator_key = f.indicator_key
          AND f2.value IS NOT NULL);

-- Figures waiting for review (first returns and revisions): visible, not official.
CREATE VIEW bi_indicator_value_pending AS
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
FROM dw_fact_indicator_value f
JOIN etl_submission s ON s.submission_id = f.submission_id AND s.status = 'pending'
JOIN dw_region r      ON r.region_key = f.region_key
JOIN dw_period p      ON p.period_key = f.period_key
JOIN dw_indicator i   ON i.indicator_key = f.indicator_key;

CREATE VIEW bi_release AS
SELECT
    rel.release_id,
    p.period_code,
    p.label_zh         AS period_label_zh,
    rel.release_no,
    rel.release_kind,
    rel.published_at,
    rel.published_by,
    rel.note
FROM etl_release rel
JOIN dw_period p ON p.period_key = rel.period_key;

-- The district returns' figures as each release published them: for release N of a period, every
-- region's submission published in release N or before and not replaced by one published by N.
CREATE VIEW bi_indicator_value_as_of_release AS
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
FROM etl_release rel
JOIN etl_submission s   ON s.period_key = rel.period_key AND s.source_kind = 'return' AND s.release_id IS NOT NULL
JOIN etl_release own    ON own.release_id = s.release_id AND own.release_no <= rel.release_no
JOIN dw_fact_indicator_value f ON f.submission_id = s.submission_id
JOIN dw_region r        ON r.region_key = f.region_key
JOIN dw_period p        ON p.period_key = rel.period_key
JOIN dw_indicator i     ON i.indicator_key = f.indicator_key
WHERE NOT EXISTS (
    SELECT 1 FROM etl_submission s2
    JOIN etl_release own2 ON own2.release_id = s2.release_id
    WHERE s2.region_key = s.region_key AND s2.period_key = s.period_key AND s2.source_kind = 'return'
      AND own2.release_no <= rel.release_no AND own2.release_no > own.release_no);

-- Every value the warehouse has held as official figures (approved, current or replaced since).
DROP VIEW bi_indicator_value_history;
CREATE VIEW bi_indicator_value_history AS
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
FROM dw_fact_indicator_value f
JOIN etl_submission s ON s.submission_id = f.submission_id AND s.status IN ('accepted', 'superseded') AND s.approved_at IS NOT NULL
JOIN dw_region r      ON r.region_key = f.region_key
JOIN dw_period p      ON p.period_key = f.period_key
JOIN dw_indicator i   ON i.indicator_key = f.indicator_key;

DROP VIEW bi_submission;
CREATE VIEW bi_submission AS
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
FROM etl_submission s
LEFT JOIN dw_region r ON r.region_key = s.region_key
LEFT JOIN etl_release rel ON rel.release_id = s.release_id;

-- Timeliness (按时上报): per region and period, the first district return that passed validation,
-- when it arrived, its due date and days late. on_time is 1 when it arrived by the due date.
CREATE VIEW bi_submission_timeliness AS
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
FROM etl_submission s
JOIN dw_region r ON r.region_key = s.region_key
WHERE s.source_kind = 'return' AND s.status <> 'rejected'
  AND s.submission_id = (
      SELECT MIN(s2.submission_id) FROM etl_submission s2
      WHERE s2.region_key = s.region_key AND s2.period_key = s.period_key AND s2.source_kind = 'return' AND s2.status <> 'rejected');
