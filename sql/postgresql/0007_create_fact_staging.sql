-- Staging for the bulk load path: a submission's facts arrive here by binary COPY, then one
-- set-based INSERT ... SELECT moves them into dw.fact_indicator_value and they are deleted, all
-- inside the submission's transaction (so other sessions never see staged rows, and a crash
-- leaves nothing behind).

CREATE TABLE etl.stage_fact_indicator_value (
    submission_id   bigint        NOT NULL,
    indicator_code  varchar(64)   NOT NULL,
    region_key      bigint        NOT NULL,
    period_key      integer       NOT NULL,
    value           numeric(28,8) NULL,
    explanation     text          NULL,
    source_sheet    varchar(200)  NOT NULL,
    source_cell     varchar(32)   NOT NULL
);

CREATE INDEX ix_stage_fact_submission ON etl.stage_fact_indicator_value (submission_id);
