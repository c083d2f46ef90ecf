-- Staging for the bulk load path of the server dialects (binary COPY, SqlBulkCopy): kept here too
-- so every dialect has the same schema. SQLite's own load path is one prepared INSERT per fact in
-- the submission's transaction and leaves this table empty.

CREATE TABLE etl_stage_fact_indicator_value (
    submission_id   INTEGER NOT NULL,
    indicator_code  TEXT    NOT NULL,
    region_key      INTEGER NOT NULL,
    period_key      INTEGER NOT NULL,
    value           NUMERIC NULL,
    explanation     TEXT    NULL,
    source_sheet    TEXT    NOT NULL,
    source_cell     TEXT    NOT NULL
);

CREATE INDEX ix_stage_fact_submission ON etl_stage_fact_indicator_value (submission_id);
