-- Indicator-value facts: one row per submission and indicator. Facts of superseded submissions
-- stay as history; the current value is the one of the accepted submission.

CREATE TABLE dw_fact_indicator_value (
    submission_id   INTEGER NOT NULL REFERENCES etl_submission (submission_id),
    indicator_key   INTEGER NOT NULL REFERENCES dw_indicator (indicator_key),
    region_key      INTEGER NOT NULL REFERENCES dw_region (region_key),
    period_key      INTEGER NOT NULL REFERENCES dw_period (period_key),
    value           NUMERIC NULL,      -- NULL: not available (not zero)
    explanation     TEXT    NULL,
    source_sheet    TEXT    NOT NULL,
    source_cell     TEXT    NOT NULL,
    PRIMARY KEY (submission_id, indicator_key)
);

CREATE INDEX ix_fact_period_indicator ON dw_fact_indicator_value (period_key, indicator_key, region_key);
