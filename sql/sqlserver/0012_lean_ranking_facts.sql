-- Lean ranking facts: a row holds keys and figures only. The peer group's code, level and names
-- live once in dw.peer_group, the time of the refresh once in etl.ranking_refresh, and the
-- measure is the indicator's key (0 for the composite index SP_INDEX). bi.ranking joins the names
-- back and keeps its columns, so BI tools read the same view as before. The rows already
-- materialised are carried over. Same meaning as sql/sqlite/0012.

CREATE TABLE dw.peer_group (
    peer_group_key      int               IDENTITY(1,1) NOT NULL CONSTRAINT pk_peer_group PRIMARY KEY,
    peer_group_code     nvarchar(64)      NOT NULL CONSTRAINT ux_peer_group_code UNIQUE,  -- city:330000, county:330600, province-county:330000
    peer_level          nvarchar(20)      NOT NULL CONSTRAINT ck_peer_group_level CHECK (peer_level IN (N'city', N'county', N'province-county')),
    name_zh             nvarchar(200)     NOT NULL,
    name_en             nvarchar(200)     NOT NULL
);

-- The latest refresh of each period's ranking facts: when it ran and what it wrote. A refresh
-- updates its period's row, so the facts' refresh_id stays the same from one refresh to the next.
CREATE TABLE etl.ranking_refresh (
    refresh_id          int               IDENTITY(1,1) NOT NULL CONSTRAINT pk_ranking_refresh PRIMARY KEY,
    period_key          int               NOT NULL CONSTRAINT ux_ranking_refresh_period UNIQUE CONSTRAINT fk_ranking_refresh_period REFERENCES dw.period (period_key),
    computed_at         datetimeoffset(7) NOT NULL,
    table_count         int               NOT NULL,
    row_count           int               NOT NULL
);

INSERT INTO dw.peer_group (peer_group_code, peer_level, name_zh, name_en)
SELECT peer_group_code, MIN(peer_level), MIN(peer_group_name_zh), MIN(peer_group_name_en)
FROM dw.fact_ranking
GROUP BY peer_group_code
ORDER BY peer_group_code;

INSERT INTO etl.ranking_refresh (period_key, computed_at, table_count, row_count)
SELECT period_key, MAX(computed_at), COUNT(DISTINCT peer_group_code + N'|' + measure_code), COUNT(*)
FROM dw.fact_ranking
GROUP BY period_key
ORDER BY period_key;

SELECT f.period_key, g.peer_group_key, CAST(COALESCE(f.indicator_key, 0) AS int) AS measure_key, f.region_key, f.value, f.ranked_value,
       f.[rank], f.peer_count, f.missing, f.growth, f.growth_rank, f.growth_peer_count, f.previous_rank, f.rank_change, f.reference_value,
       CAST(CASE WHEN f.reference_kind = N'total' THEN 1 ELSE 0 END AS bit) AS reference_is_total, x.refresh_id
INTO #ranking_0005
FROM dw.fact_ranking f
JOIN dw.peer_group g ON g.peer_group_code = f.peer_group_code
JOIN etl.ranking_refresh x ON x.period_key = f.period_key;

DROP VIEW bi.ranking;
DROP TABLE dw.fact_ranking;
GO

CREATE TABLE dw.fact_ranking (
    period_key          int               NOT NULL CONSTRAINT fk_ranking_period REFERENCES dw.period (period_key),
    peer_group_key      int               NOT NULL CONSTRAINT fk_ranking_peer_group REFERENCES dw.peer_group (peer_group_key),
    measure_key         int               NOT NULL,  -- the indicator's key, 0 for SP_INDEX
    region_key          bigint            NOT NULL CONSTRAINT fk_ranking_region REFERENCES dw.region (region_key),
    value               decimal(28,8)     NULL,      -- NULL: no value, left out of the ranking and counted as missing
    ranked_value        decimal(28,8)     NULL,      -- rounded to the indicator's ranking precision
    [rank]              int               NULL,      -- standard competition rank (1224)
    peer_count          int               NOT NULL,  -- peers ranked
    missing             int               NOT NULL,  -- peers without a value
    growth              decimal(28,8)     NULL,      -- percent, or the difference for ratios and the index
    growth_rank         int               NULL,
    growth_peer_count   int               NOT NULL,
    previous_rank       int               NULL,      -- rank in the previous quarter
    rank_change         int               NULL,      -- previous_rank - rank: positive moved up
    reference_value     decimal(28,8)     NULL,      -- the group's reference: published total, else the mean
    reference_is_total  bit               NOT NULL,
    refresh_id          int               NOT NULL CONSTRAINT fk_ranking_refresh REFERENCES etl.ranking_refresh (refresh_id),
    CONSTRAINT pk_fact_ranking PRIMARY KEY CLUSTERED (period_key, peer_group_key, measure_key, region_key)
);

INSERT INTO dw.fact_ranking (period_key, peer_group_key, measure_key, region_key, value, ranked_value, [rank], peer_count, missing,
    growth, growth_rank, growth_peer_count, previous_rank, rank_change, reference_value, reference_is_total, refresh_id)
SELECT period_key, peer_group_key, measure_key, region_key, value, ranked_value, [rank], peer_count, missing,
    growth, growth_rank, growth_peer_count, previous_rank, rank_change, reference_value, reference_is_total, refresh_id
FROM #ranking_0005;

DROP TABLE #ranking_0005;

CREATE INDEX ix_ranking_region ON dw.fact_ranking (region_key, measure_key, period_key);
GO

CREATE VIEW bi.ranking AS
SELECT
    p.period_code,
    p.label_zh           AS period_label_zh,
    p.label_en           AS period_label_en,
    g.peer_level,
    g.peer_group_code,
    g.name_zh            AS peer_group_name_zh,
    g.name_en            AS peer_group_name_en,
    CASE WHEN f.measure_key = 0 THEN N'SP_INDEX' ELSE i.indicator_code END AS indicator_code,
    r.region_code,
    r.name_zh            AS region_name_zh,
    r.name_en            AS region_name_en,
    f.value,
    f.ranked_value,
    f.[rank],
    f.peer_count,
    f.missing,
    f.growth,
    f.growth_rank,
    f.rank_change,
    f.reference_value,
    CASE WHEN f.reference_is_total = 1 THEN N'total' ELSE N'mean' END AS reference_kind,
    x.computed_at
FROM dw.fact_ranking f
JOIN dw.period p ON p.period_key = f.period_key
JOIN dw.peer_group g ON g.peer_group_key = f.peer_group_key
JOIN dw.region r ON r.region_key = f.region_key
JOIN etl.ranking_refresh x ON x.refresh_id = f.refresh_id
LEFT JOIN dw.indicator i ON i.indicator_key = f.measure_key;
GO
