-- Ranking facts: one row per period, peer group, measure (an indicator, or SP_INDEX for the
-- composite index) and region, materialised by 'prosperity rank --refresh'. A refresh replaces the
-- period's rows in one transaction, so running it again gives the same rows.

CREATE TABLE dw_fact_ranking (
    period_key          INTEGER NOT NULL REFERENCES dw_period (period_key),
    peer_group_code     TEXT    NOT NULL,  -- city:330000, county:330600, province-county:330000
    peer_level          TEXT    NOT NULL CHECK (peer_level IN ('city', 'county', 'province-county')),
    peer_group_name_zh  TEXT    NOT NULL,
    peer_group_name_en  TEXT    NOT NULL,
    measure_code        TEXT    NOT NULL,  -- the indicator code, or SP_INDEX
    indicator_key       INTEGER NULL REFERENCES dw_indicator (indicator_key),  -- NULL for SP_INDEX
    region_key          INTEGER NOT NULL REFERENCES dw_region (region_key),
    value               NUMERIC NULL,      -- NULL: no value, left out of the ranking and counted as missing
    ranked_value        NUMERIC NULL,      -- rounded to the indicator's ranking precision
    rank                INTEGER NULL,      -- standard competition rank (1224)
    peer_count          INTEGER NOT NULL,  -- peers ranked
    missing             INTEGER NOT NULL,  -- peers without a value
    growth              NUMERIC NULL,      -- percent, or the difference for ratios and the index
    growth_rank         INTEGER NULL,
    growth_peer_count   INTEGER NOT NULL,
    previous_rank       INTEGER NULL,      -- rank in the previous quarter
    rank_change         INTEGER NULL,      -- previous_rank - rank: positive moved up
    reference_value     NUMERIC NULL,      -- the group's reference: published total, else the mean
    reference_kind      TEXT    NOT NULL CHECK (reference_kind IN ('total', 'mean')),
    computed_at         TEXT    NOT NULL,  -- ISO 8601 UTC
    PRIMARY KEY (period_key, peer_group_code, measure_code, region_key)
);

CREATE INDEX ix_ranking_region ON dw_fact_ranking (region_key, measure_code, period_key);

CREATE VIEW bi_ranking AS
SELECT
    p.period_code,
    p.label_zh           AS period_label_zh,
    p.label_en           AS period_label_en,
    f.peer_level,
    f.peer_group_code,
    f.peer_group_name_zh,
    f.peer_group_name_en,
    f.measure_code       AS indicator_code,
    r.region_code,
    r.name_zh            AS region_name_zh,
    r.name_en            AS region_name_en,
    f.value,
    f.ranked_value,
    f.rank,
    f.peer_count,
    f.missing,
    f.growth,
    f.growth_rank,
    f.rank_change,
    f.reference_value,
    f.reference_kind,
    f.computed_at
FROM dw_fact_ranking f
JOIN dw_period p ON p.period_key = f.period_key
JOIN dw_region r ON r.region_key = f.region_key;
