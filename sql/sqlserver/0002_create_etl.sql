-- Submission history: every attempt, accepted, superseded or rejected, with its issues.

CREATE TABLE etl.submission (
    submission_id   bigint            IDENTITY(1, 1) NOT NULL CONSTRAINT pk_submission PRIMARY KEY,
    file_name       nvarchar(400)     NOT NULL,
    file_path       nvarchar(2000)    NOT NULL,
    file_sha256     char(64)          NOT NULL,
    file_bytes      bigint            NOT NULL,
    region_code     nvarchar(64)      NULL,   -- as written in the workbook, even when unknown
    region_key      bigint            NULL CONSTRAINT fk_submission_region REFERENCES dw.region (region_key),
    period_code     nvarchar(64)      NULL,
    period_key      int               NULL CONSTRAINT fk_submission_period REFERENCES dw.period (period_key),
    status          nvarchar(12)      NOT NULL CONSTRAINT ck_submission_status CHECK (status IN (N'accepted', N'superseded', N'rejected')),
    value_count     int               NOT NULL CONSTRAINT df_submission_value_count DEFAULT 0,
    error_count     int               NOT NULL CONSTRAINT df_submission_error_count DEFAULT 0,
    warning_count   int               NOT NULL CONSTRAINT df_submission_warning_count DEFAULT 0,
    submitter       nvarchar(200)     NULL,
    contact         nvarchar(200)     NULL,
    received_at     datetimeoffset(7) NOT NULL,
    loaded_at       datetimeoffset(7) NULL,
    superseded_at   datetimeoffset(7) NULL,
    superseded_by   bigint            NULL CONSTRAINT fk_submission_superseded_by REFERENCES etl.submission (submission_id)
);

CREATE INDEX ix_submission_sha256 ON etl.submission (file_sha256);
CREATE INDEX ix_submission_region_period ON etl.submission (region_key, period_key);
-- At most one accepted submission per region and period: the current version.
CREATE UNIQUE INDEX ux_submission_current ON etl.submission (region_key, period_key) WHERE status = N'accepted';

CREATE TABLE etl.validation_issue (
    issue_id        bigint         IDENTITY(1, 1) NOT NULL CONSTRAINT pk_validation_issue PRIMARY KEY,
    submission_id   bigint         NOT NULL CONSTRAINT fk_issue_submission REFERENCES etl.submission (submission_id),
    rule_code       nvarchar(16)   NOT NULL,
    severity        nvarchar(8)    NOT NULL CONSTRAINT ck_issue_severity CHECK (severity IN (N'error', N'warning')),
    sheet_name      nvarchar(200)  NULL,
    cell_ref        nvarchar(32)   NULL,
    found_value     nvarchar(400)  NULL,
    expected_value  nvarchar(400)  NULL,
    message_zh      nvarchar(2000) NOT NULL,
    message_en      nvarchar(2000) NOT NULL
);

CREATE INDEX ix_issue_submission ON etl.validation_issue (submission_id);

-- Which version of the reference catalogue seeded the dimensions.
CREATE TABLE etl.reference_load (
    reference_version nvarchar(64)      NOT NULL CONSTRAINT pk_reference_load PRIMARY KEY,
    loaded_at         datetimeoffset(7) NOT NULL
);
