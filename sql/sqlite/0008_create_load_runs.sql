-- One row per load of an accepted submission, written in the submission's own transaction: a row
-- here means every fact of that submission is in the warehouse.

CREATE TABLE etl_load_run (
    load_run_id     INTEGER PRIMARY KEY,
    submission_id   INTEGER NOT NULL REFERENCES etl_submission (submission_id),
    engine          TEXT    NOT NULL,   -- sqlite, postgres, sqlserver
    load_path       TEXT    NOT NULL,   -- prepared_insert, binary_copy, bulk_copy
    fact_count      INTEGER NOT NULL,
    started_at      TEXT    NOT NULL,   -- ISO 8601 UTC
    finished_at     TEXT    NOT NULL
);

CREATE INDEX ix_load_run_submission ON etl_load_run (submission_id);
