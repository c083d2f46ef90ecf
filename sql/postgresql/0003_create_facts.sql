-- Indicator-value facts: one row per submission and indicator. Facts of superseded submissions
-- stay as history; the current value is the one of the accepted submission.

CREATE TABLE dw.fact_indicator_value (
    submission_id   bigint        NOT NULL REFERENCES etl.submission (submission_id),
    indicator_key   bigint        NOT NULL REFERENCES dw.indicator (indicator_key),
    region_key      bigint        NOT NULL REFERENCES dw.region (region_key),
    period_key      integer       NOT NULL REFERENCES dw.period (period_key),
    value           numeric(28,8) NULL,      -- NULL: not available (not zero)
    explanation     text          NULL,
    source_sheet    varchar(200)  NOT NULL,
    source_cell     varchar(32)   NOT NULL,
    PRIMARY KEY (submission_id, indicator_key)
);

CREATE INDEX ix_fact_period_indicator ON dw.fact_indicator_value (period_key, indicator_key, region_key);
