-- Dimensions of the star: region (effective-dated), period (quarter, year-to-date), indicator.
-- SQLite has no schemas: the dw_, etl_ and bi_ prefixes stand for the dw, etl and bi schemas of
-- the server dialects.

CREATE TABLE dw_region (
    region_key      INTEGER PRIMARY KEY,
    region_code     TEXT    NOT NULL,
    name_zh         TEXT    NOT NULL,
    name_en         TEXT    NOT NULL,
    level           TEXT    NOT NULL CHECK (level IN ('province', 'city', 'county', 'functional_area')),
    parent_code     TEXT    NULL,
    valid_from      TEXT    NOT NULL,  -- ISO date
    valid_to        TEXT    NULL,      -- ISO date, inclusive; NULL while still valid
    successor_code  TEXT    NULL,
    CONSTRAINT ux_region_code_from UNIQUE (region_code, valid_from)
);

CREATE TABLE dw_period (
    period_key      INTEGER PRIMARY KEY,  -- year * 10 + quarter, e.g. 20253
    period_code     TEXT    NOT NULL CONSTRAINT ux_period_code UNIQUE,
    year            INTEGER NOT NULL,
    quarter         INTEGER NOT NULL CHECK (quarter BETWEEN 1 AND 4),
    label_zh        TEXT    NOT NULL,     -- 2025年前三季度 (relabelled by 0014)
    label_en        TEXT    NOT NULL,     -- 2025 Q1-Q3
    ytd_start       TEXT    NOT NULL,
    period_end      TEXT    NOT NULL
);

CREATE TABLE dw_indicator (
    indicator_key    INTEGER PRIMARY KEY,
    indicator_code   TEXT    NOT NULL CONSTRAINT ux_indicator_code UNIQUE,
    name_zh          TEXT    NOT NULL,
    name_en          TEXT    NOT NULL,
    unit             TEXT    NOT NULL,
    kind             TEXT    NOT NULL CHECK (kind IN ('flow_ytd', 'stock', 'derived_ratio', 'target')),
    direction        TEXT    NOT NULL CHECK (direction IN ('higher', 'lower')),
    rank_precision   INTEGER NOT NULL,
    plausible_min    NUMERIC NOT NULL,
    plausible_max    NUMERIC NOT NULL,
    numerator_code   TEXT    NULL,
    denominator_code TEXT    NULL
);
