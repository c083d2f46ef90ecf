-- Lean ranking facts: a row holds keys and figures only. The peer group's code, level and names
-- live once in dw_peer_group, the time of the refresh once in etl_ranking_refresh, and the
-- measure is the indicator's key (0 for the composite index SP_INDEX). bi_ranking joins the names
-- back and keeps its columns, so BI tools read the same view as before. The rows already
-- materialised are carried over.

CREATE TABLE dw_peer_group (
    peer_group_key      INTEGER PRIMARY KEY,
    peer_group_code     TEXT    NOT NULL UNIQUE,  -- city:330000, county:330600, province-county:330000
    peer_level          TEXT    NOT NULL CHECK (peer_level IN ('city', 'county', 'province-county')),
    name_zh             TEXT    NOT NULL,
    name_en             TEXT    NOT NULL
);

-- The latest refresh of each period's ranking facts: when it ran and what it wrote. A refresh
-- updates its period's row, so the facts' refresh_id stays the same from one refresh to the next.
CREATE TABLE etl_ranking_refresh (
    refresh_id          INTEGER PRIMARY KEY,
    period_key          INTEGER NOT NULL UNIQUE REFERENCES dw_period (period_key),
    computed_at         TEXT    NOT NULL,  -- ISO 8601 UTC
    table_count         INTEGER NOT NULL,
    row_count           INTEGER NOT NULL
);

INSERT INTO dw_peer_group (peer_group_code, peer_level, name_zh, name_en)
SELECT peer_group_code, MIN(peer_level), MIN(peer_group_name_zh), MIN(peer_group_name_en)
FROM dw_fact_ranking
GROUP BY peer_group_code
ORDER BY peer_group_code;

INSERT INTO etl_ranking_refresh (period_key, computed_at, table_count, row_count)
SELECT period_key, MAX(computed_at), COUNT(DISTINCT peer_group_code || '|' || measure_code), COUNT(*)
FROM dw_fact_ranking
GROUP BY period_key
ORDER BY period_key;

CREATE TEMP TABLE ranking_0005 AS
SELECT f.period_key, g.peer_group_key, COALESCE(f.indicator_key, 0) AS measure_key, f.region_key, f.value, f.ranked_value, f.rank,
       f.peer_count, f.missing, f.growth, f.growth_rank, f.growth_peer_count, f.previous_rank, f.rank_change, f.reference_value,
       CASE WHEN f.reference_kind = 'total' THEN 1 ELSE 0 END AS reference_is_total, x.refresh_id
FROM dw_fact_ranking f
JOIN dw_peer_group g ON g.peer_group_code = f.peer_group_code
JOIN etl_ranking_refresh x ON x.period_key = f.period_key;

DROP VIEW bi_ranking;
DROP TABLE dw_fact_ranking;

CREATE TABLE dw_fact_ranking (
    period_key          INTEGER NOT NULL REFERENCES dw_period (period_key),
    peer_group_key      INTEGER NOT NULL REFERENCES dw_peer_group (peer_group_key),
    measure_key         INTEGER NOT NULL,  -- the indicator's key, 0 for SP_INDEX
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
    reference_is_total  INTEGER NOT NULL CHECK (reference_is_total IN (0, 1)),
    refresh_id          INTEGER NOT NULL REFERENCES etl_ranking_refresh (refresh_id),
    PRIMARY KEY (period_key, peer_group_key, measure_key, region_key)
) WITHOUT ROWID;

INSERT INTO dw_fact_ranking SELECT * FROM temp.ranking_0005;
DROP TABLE temp.ranking_0005;

CREATE INDEX ix_ranking_region ON dw_fact_ranking (region_key, measure_key, period_key);

CREATE VIEW bi_ranking AS
SELECT
    p.period_code,
    p.label_zh           AS period_label_zh,
    p.label_en           AS period_label_en,
    g.peer_level,
    g.peer_group_code,
    g.name_zh            AS peer_group_name_zh,
    g.name_en            AS peer_group_name_en,
    CASE WHEN f.measure_key = 0 THEN 'SP_INDEX' ELSE i.indicator_code END AS indicator_code,
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
    CASE WHEN f.reference_is_total = 1 THEN 'total' ELSE 'mean' END AS reference_kind,
    x.computed_at
FROM dw_fact_ranking f
JOIN dw_period p ON p.period_key = f.period_key
JOIN dw_peer_group g ON g.peer_group_key = f.peer_group_key
JOIN dw_region r ON r.region_key = f.region_key
JOIN etl_ranking_refresh x ON x.refresh_id = f.refresh_id
LEFT JOIN dw_indicator i ON i.indicator_key = f.measure_key;
