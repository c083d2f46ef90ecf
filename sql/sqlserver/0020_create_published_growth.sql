-- Published growth: the growth a bulletin prints beside a level (比上年增长%, 同比±%), on the
-- bureau's comparable basis, kept as what it is (a percentage change, not a level) with the cell it
-- came from. Growth and growth ranks use it where it exists and compute growth from two levels
-- otherwise. One row per submission and indicator, like the facts; superseded rows stay as history.
CREATE TABLE dw.fact_published_growth (
    submission_id   bigint         NOT NULL CONSTRAINT fk_published_growth_submission REFERENCES etl.submission (submission_id),
    indicator_key   bigint         NOT NULL CONSTRAINT fk_published_growth_indicator REFERENCES dw.indicator (indicator_key),
    region_key      bigint         NOT NULL CONSTRAINT fk_published_growth_region REFERENCES dw.region (region_key),
    period_key      int            NOT NULL CONSTRAINT fk_published_growth_period REFERENCES dw.period (period_key),
    growth_pct      decimal(28,8)  NOT NULL,
    source_sheet    nvarchar(200)  NOT NULL,
    source_cell     nvarchar(32)   NOT NULL,
    CONSTRAINT pk_fact_published_growth PRIMARY KEY CLUSTERED (submission_id, indicator_key)
);
GO

CREATE INDEX ix_published_growth_period ON dw.fact_published_growth (period_key, indicator_key, region_key);
GO
