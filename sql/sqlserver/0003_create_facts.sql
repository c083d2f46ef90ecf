-- Indicator-value facts: one row per submission and indicator. Facts of superseded submissions
-- stay as history; the current value is the one of the accepted submission.

CREATE TABLE dw.fact_indicator_value (
    submission_id   bigint         NOT NULL CONSTRAINT fk_fact_submission REFERENCES etl.submission (submission_id),
    indicator_key   bigint         NOT NULL CONSTRAINT fk_fact_indicator REFERENCES dw.indicator (indicator_key),
    region_key      bigint         NOT NULL CONSTRAINT fk_fact_region REFERENCES dw.region (region_key),
    period_key      int            NOT NULL CONSTRAINT fk_fact_period REFERENCES dw.period (period_key),
    value           decimal(28,8)  NULL,      -- NULL: not available (not zero)
    explanation     nvarchar(max)  NULL,
    source_sheet    nvarchar(200)  NOT NULL,
    source_cell     nvarchar(32)   NOT NULL,
    CONSTRAINT pk_fact_indicator_value PRIMARY KEY CLUSTERED (submission_id, indicator_key)
);

CREATE INDEX ix_fact_period_indicator ON dw.fact_indicator_value (period_key, indicator_key, region_key);

-- Nonclustered columnstore for the BI scans (all regions x periods x indicators, aggregated),
-- beside the clustered rowstore key that the load path and the history lookups use. A clustered
-- columnstore would put each submission's few dozen rows in the delta store and make the
-- per-submission lookups scans; the nonclustered one keeps rowstore loads cheap and still gives
-- batch-mode, compressed scans to Power BI (SQL Server 2016+ keeps it updatable).
CREATE NONCLUSTERED COLUMNSTORE INDEX ncci_fact_indicator_value
    ON dw.fact_indicator_value (period_key, indicator_key, region_key, submission_id, value);
