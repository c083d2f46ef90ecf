-- One row per load of an accepted submission, written in the submission's own transaction: a row
-- here means every fact of that submission is in the warehouse.

CREATE TABLE etl.load_run (
    load_run_id     bigint            IDENTITY(1, 1) NOT NULL CONSTRAINT pk_load_run PRIMARY KEY,
    submission_id   bigint            NOT NULL CONSTRAINT fk_load_run_submission REFERENCES etl.submission (submission_id),
    engine          nvarchar(16)      NOT NULL,   -- sqlite, postgres, sqlserver
    load_path       nvarchar(20)      NOT NULL,   -- prepared_insert, binary_copy, bulk_copy
    fact_count      int               NOT NULL,
    started_at      datetimeoffset(7) NOT NULL,
    finished_at     datetimeoffset(7) NOT NULL
);

CREATE INDEX ix_load_run_submission ON etl.load_run (submission_id);
