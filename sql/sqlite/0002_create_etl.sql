-- Submission history: every attempt, accepted, superseded or rejected, with its issues.

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
    status          TEXT    NOT NULL CHECK (status IN ('accepted', 'superseded', 'rejected')),
    value_count     INTEGER NOT NULL DEFAULT 0,
    error_count     INTEGER NOT NULL DEFAULT 0,
    warning_count   INTEGER NOT NULL DEFAULT 0,
    submitter       TEXT    NULL,
    contact         TEXT    NULL,
    received_at     TEXT    NOT NULL,  -- ISO 8601 UTC
    loaded_at       TEXT    NULL,
    superseded_at   TEXT    NULL,
    superseded_by   INTEGER NULL REFERENCES etl_submission (submission_id)
);

CREATE INDEX ix_submission_sha256 ON etl_submission (file_sha256);
CREATE INDEX ix_submission_region_period ON etl_submission (region_key, period_key);
-- At most one accepted submission per region and period: the current version.
CREATE UNIQUE INDEX ux_submission_current ON etl_submission (region_key, period_key) WHERE status = 'accepted';

CREATE TABLE etl_validation_issue (
    issue_id        INTEGER PRIMARY KEY,
    submission_id   INTEGER NOT NULL REFERENCES etl_submission (submission_id),
    rule_code       TEXT    NOT NULL,
    severity        TEXT    NOT NULL CHECK (severity IN ('error', 'warning')),
    sheet_name      TEXT    NULL,
    cell_ref        TEXT    NULL,
    found_value     TEXT    NULL,
    expected_value  TEXT    NULL,
    message_zh      TEXT    NOT NULL,
    message_en      TEXT    NOT NULL
);

CREATE INDEX ix_issue_submission ON etl_validation_issue (submission_id);

-- Which version of the reference catalogue seeded the dimensions.
CREATE TABLE etl_reference_load (
    reference_version TEXT NOT NULL PRIMARY KEY,
    loaded_at         TEXT NOT NULL
);
