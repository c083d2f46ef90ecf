-- Ranking facts: one row per period, peer group, measure (an indicator, or SP_INDEX for the
-- composite index) and region, materialised by 'prosperity rank --refresh'. A refresh replaces the
-- period's rows in one transaction, so running it again gives the same rows.
-- Same meaning as sql/sqlite/0005; uses only objects of 0001-0004, so it also applies after 0007-0009.

CREATE TABLE dw.fact_ranking (
    period_key          integer       NOT NULL REFERENCES dw.period (period_key),
    peer_group_code     varchar(64)   NOT NULL,  -- city:330000, county:330600, province-county:330000
    peer_level          varchar(20)   NOT NULL CHECK (peer_level IN ('city', 'county', 'province-county')),
    peer_group_name_zh  varchar(200)  NOT NULL,
    peer_group_name_en  varchar(200)  NOT NULL,
    measure_code        varchar(64)   NOT NULL,  -- the indicator code, or SP_INDEX
    indicator_key       bigint        NULL REFERENCES dw.indicator (indicator_key),  -- NULL for SP_INDEX
    region_key          bigint        NOT NULL REFERENCES dw.region (region_key),
    value               numeric(28,8) NULL,      -- NULL: no value, left out of the ranking and counted as missing
    ranked_value        numeric(28,8) NULL,      -- rounded to the indicator's ranking precision
    rank                integer       NULL,      -- standard competition rank (1224)
    peer_count          integer       NOT NULL,  -- peers ranked
    missing             integer       NOT NULL,  -- peers without a value
    growth              numeric(28,8) NULL,      -- percent, or the difference for ratios and the index
    growth_rank         integer       NULL,
    growth_peer_count   integer       NOT NULL,
    previous_rank       integer       NULL,      -- rank in the previous quarter
    rank_change         integer       NULL,      -- previous_rank - rank: positive moved up
    reference_value     numeric(28,8) NULL,      -- the group's reference: published total, else the mean
    reference_kind      varchar(8)    NOT NULL CHECK (reference_kind IN ('total', 'mean')),
    computed_at         timestamptz   NOT NULL,
    PRIMARY KEY (period_key, peer_group_code, measure_code, region_key)
);

CREATE INDEX ix_ranking_region ON dw.fact_ranking (region_key, measure_code, period_key);

CREATE VIEW bi.ranking AS
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
FROM dw.fact_ranking f
JOIN dw.period p ON p.period_key = f.period_key
JOIN dw.region r ON r.region_key = f.region_key;
