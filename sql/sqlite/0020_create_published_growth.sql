-- Published growth: the growth a bulletin prints beside a level (比上年增长%, 同比±%), on the
-- bureau's comparable basis, kept as what it is (a percentage change, not a level) with the cell it
-- came from. Growth and growth ranks use it where it exists and compute growth from two levels
-- otherwise. One row per submission and indicator, like the facts; superseded rows stay as history.
CREATE TABLE dw_fact_published_growth (
    submission_id   INTEGER NOT NULL REFERENCES etl_submission (submission_id),
    indicator_key   INTEGER NOT NULL REFERENCES dw_indicator (indicator_key),
    region_key      INTEGER NOT NULL REFERENCES dw_region (region_key),
    period_key      INTEGER NOT NULL REFERENCES dw_period (period_key),
    growth_pct      NUMERIC NOT NULL,
    source_sheet    TEXT    NOT NULL,
    source_cell     TEXT    NOT NULL,
    PRIMARY KEY (submission_id, indicator_key)
);

CREATE INDEX ix_published_growth_period ON dw_fact_published_growth (period_key, indicator_key, region_key);
