-- Operations: the nightly inbox runs, the files each run handled, and the run lock.

-- One named lock per kind of run. A run holds it by writing its owner and a lease that it renews
-- while it works; a lease that has run out (the host died) can be taken over by the next run.
CREATE TABLE etl_run_lock (
    lock_name       TEXT    NOT NULL PRIMARY KEY,
    owner           TEXT    NOT NULL,
    acquired_at     TEXT    NOT NULL,  -- ISO 8601 UTC
    expires_at      TEXT    NOT NULL
);

INSERT INTO etl_run_lock (lock_name, owner, acquired_at, expires_at)
VALUES ('nightly-import', '', '2000-01-01T00:00:00.0000000Z', '2000-01-01T00:00:00.0000000Z');

-- One row per nightly (or operator-triggered) inbox run, with its summary once it has finished;
-- 'abandoned' when a later run took the lock over after this run's lease had lapsed.
CREATE TABLE etl_inbox_run (
    run_id          INTEGER PRIMARY KEY,
    trigger_kind    TEXT    NOT NULL,  -- schedule, dashboard, upload, cli
    job_id          TEXT    NULL,      -- the Hangfire job that scanned the inbox
    server_name     TEXT    NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('running', 'finished', 'abandoned')),
    started_at      TEXT    NOT NULL,
    finished_at     TEXT    NULL,
    files_seen      INTEGER NOT NULL DEFAULT 0,
    accepted_count  INTEGER NOT NULL DEFAULT 0,
    rejected_count  INTEGER NOT NULL DEFAULT 0,
    skipped_count   INTEGER NOT NULL DEFAULT 0,
    failed_count    INTEGER NOT NULL DEFAULT 0,
    jobs_enqueued   INTEGER NOT NULL DEFAULT 0,  -- 1 once every import job and the finishing continuation are enqueued
    periods_refreshed TEXT  NULL       -- comma-separated period codes whose rankings were recomputed
);

-- One row per file a run picked up, with what became of it.
CREATE TABLE etl_inbox_file (
    inbox_file_id   INTEGER PRIMARY KEY,
    run_id          INTEGER NOT NULL REFERENCES etl_inbox_run (run_id),
    relative_path   TEXT    NOT NULL,  -- inside the inbox, '/' separated
    file_sha256     TEXT    NOT NULL,
    file_bytes      INTEGER NOT NULL,
    job_id          TEXT    NULL,      -- the Hangfire job that imports it
    outcome         TEXT    NULL CHECK (outcome IN ('accepted', 'accepted_with_warnings', 'already_loaded', 'rejected', 'missing', 'failed')),
    submission_id   INTEGER NULL REFERENCES etl_submission (submission_id),
    region_code     TEXT    NULL,
    period_code     TEXT    NULL,
    moved_to        TEXT    NULL,      -- where the file is now
    enqueued_at     TEXT    NOT NULL,
    finished_at     TEXT    NULL
);

CREATE UNIQUE INDEX ux_inbox_file_run ON etl_inbox_file (run_id, relative_path);
CREATE INDEX ix_inbox_file_sha256 ON etl_inbox_file (file_sha256);
