-- Published growth: the growth a bulletin prints beside a level (比上年增长%, 同比±%), on the
-- bureau's comparable basis, kept as what it is (a percentage change, not a level) with the cell it
-- came from. Growth and growth ranks use it where it exists and compute growth from two levels
-- otherwise. One row per submission and indicator, like the facts; superseded rows stay as history.
CREATE TABLE dw.fact_published_growth (
    submission_id   bigint        NOT NULL REFERENCES etl.submission (submission_id),
    indicator_key   bigint        NOT NULL REFERENCES dw.indicator (indicator_key),
    region_key      bigint        NOT NULL REFERENCES dw.region (region_key),
    period_key      integer       NOT NULL REFERENCES dw.period (period_key),
    growth_pct      numeric(28,8) NOT NULL,
    source_sheet    varchar(200)  NOT NULL,
    source_cell     varchar(32)   NOT NULL,
    PRIMARY KEY (submission_id, indicator_key)
);

CREATE INDEX ix_published_growth_period ON dw.fact_published_growth (period_key, indicator_key, region_key);
