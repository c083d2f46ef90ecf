-- Operations: the nightly inbox runs, the files each run handled, and the run lock.

-- One named lock per kind of run. A run holds it by writing its owner and a lease that it renews
-- while it works; a lease that has run out (the host died) can be taken over by the next run.
CREATE TABLE etl.run_lock (
    lock_name       nvarchar(64)      NOT NULL CONSTRAINT pk_run_lock PRIMARY KEY,
    owner           nvarchar(200)     NOT NULL,
    acquired_at     datetimeoffset(7) NOT NULL,
    expires_at      datetimeoffset(7) NOT NULL
);

INSERT INTO etl.run_lock (lock_name, owner, acquired_at, expires_at)
VALUES (N'nightly-import', N'', '2000-01-01T00:00:00+00:00', '2000-01-01T00:00:00+00:00');

-- One row per nightly (or operator-triggered) inbox run, with its summary once it has finished;
-- 'abandoned' when a later run took the lock over after this run's lease had lapsed.
CREATE TABLE etl.inbox_run (
    run_id          bigint            IDENTITY(1, 1) NOT NULL CONSTRAINT pk_inbox_run PRIMARY KEY,
    trigger_kind    nvarchar(20)      NOT NULL,  -- schedule, dashboard, upload, cli
    job_id          nvarchar(100)     NULL,      -- the Hangfire job that scanned the inbox
    server_name     nvarchar(200)     NOT NULL,
    status          nvarchar(12)      NOT NULL CONSTRAINT ck_inbox_run_status CHECK (status IN (N'running', N'finished', N'abandoned')),
    started_at      datetimeoffset(7) NOT NULL,
    finished_at     datetimeoffset(7) NULL,
    files_seen      int               NOT NULL CONSTRAINT df_inbox_run_seen DEFAULT 0,
    accepted_count  int               NOT NULL CONSTRAINT df_inbox_run_accepted DEFAULT 0,
    rejected_count  int               NOT NULL CONSTRAINT df_inbox_run_rejected DEFAULT 0,
    skipped_count   int               NOT NULL CONSTRAINT df_inbox_run_skipped DEFAULT 0,
    failed_count    int               NOT NULL CONSTRAINT df_inbox_run_failed DEFAULT 0,
    jobs_enqueued   bit               NOT NULL CONSTRAINT df_inbox_run_enqueued DEFAULT 0,  -- every import job and the finishing continuation are enqueued
    periods_refreshed nvarchar(2000)  NULL       -- comma-separated period codes whose rankings were recomputed
);

-- One row per file a run picked up, with what became of it.
CREATE TABLE etl.inbox_file (
    inbox_file_id   bigint            IDENTITY(1, 1) NOT NULL CONSTRAINT pk_inbox_file PRIMARY KEY,
    run_id          bigint            NOT NULL CONSTRAINT fk_inbox_file_run REFERENCES etl.inbox_run (run_id),
    relative_path   nvarchar(1000)    NOT NULL,  -- inside the inbox, '/' separated
    file_sha256     char(64)          NOT NULL,
    file_bytes      bigint            NOT NULL,
    job_id          nvarchar(100)     NULL,      -- the Hangfire job that imports it
    outcome         nvarchar(24)      NULL CONSTRAINT ck_inbox_file_outcome
                        CHECK (outcome IN (N'accepted', N'accepted_with_warnings', N'already_loaded', N'rejected', N'missing', N'failed')),
    submission_id   bigint            NULL CONSTRAINT fk_inbox_file_submission REFERENCES etl.submission (submission_id),
    region_code     nvarchar(64)      NULL,
    period_code     nvarchar(64)      NULL,
    moved_to        nvarchar(2000)    NULL,      -- where the file is now
    enqueued_at     datetimeoffset(7) NOT NULL,
    finished_at     datetimeoffset(7) NULL
);

-- nvarchar(1000) is 2,000 bytes, above the 1,700-byte key limit of a non-clustered index: the
-- uniqueness is kept on a hash of the path instead.
ALTER TABLE etl.inbox_file ADD relative_path_hash AS CAST(HASHBYTES('SHA2_256', relative_path) AS binary(32)) PERSISTED;
CREATE UNIQUE INDEX ux_inbox_file_run ON etl.inbox_file (run_id, relative_path_hash);
CREATE INDEX ix_inbox_file_sha256 ON etl.inbox_file (file_sha256);
