-- Staging for the bulk load path: a submission's facts arrive here by SqlBulkCopy, then one
-- set-based INSERT ... SELECT moves them into dw.fact_indicator_value and they are deleted, all
-- inside the submission's transaction (so other sessions never see staged rows, and a crash
-- leaves nothing behind). A heap: rows live for the length of one transaction.

CREATE TABLE etl.stage_fact_indicator_value (
    submission_id   bigint         NOT NULL,
    indicator_code  nvarchar(64)   NOT NULL,
    region_key      bigint         NOT NULL,
    period_key      int            NOT NULL,
    value           decimal(28,8)  NULL,
    explanation     nvarchar(max)  NULL,
    source_sheet    nvarchar(200)  NOT NULL,
    source_cell     nvarchar(32)   NOT NULL
);

CREATE INDEX ix_stage_fact_submission ON etl.stage_fact_indicator_value (submission_id);
