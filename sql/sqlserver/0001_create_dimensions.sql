-- Dimensions of the star: region (effective-dated), period (quarter, year-to-date), indicator.
-- Same numbers and meaning as sql/sqlite and sql/postgresql. Text is nvarchar: names are Chinese.

CREATE SCHEMA dw;
GO
CREATE SCHEMA etl;
GO
CREATE SCHEMA bi;
GO

CREATE TABLE dw.region (
    region_key      bigint        IDENTITY(1, 1) NOT NULL CONSTRAINT pk_region PRIMARY KEY,
    region_code     nvarchar(16)  NOT NULL,
    name_zh         nvarchar(100) NOT NULL,
    name_en         nvarchar(100) NOT NULL,
    level           nvarchar(20)  NOT NULL CONSTRAINT ck_region_level CHECK (level IN (N'province', N'city', N'county', N'functional_area')),
    parent_code     nvarchar(16)  NULL,
    valid_from      date          NOT NULL,
    valid_to        date          NULL,      -- inclusive; NULL while still valid
    successor_code  nvarchar(16)  NULL,
    CONSTRAINT ux_region_code_from UNIQUE (region_code, valid_from)
);

CREATE TABLE dw.period (
    period_key      int           NOT NULL CONSTRAINT pk_period PRIMARY KEY,  -- year * 10 + quarter, e.g. 20253
    period_code     nvarchar(8)   NOT NULL CONSTRAINT ux_period_code UNIQUE,
    year            int           NOT NULL,
    quarter         int           NOT NULL CONSTRAINT ck_period_quarter CHECK (quarter BETWEEN 1 AND 4),
    label_zh        nvarchar(40)  NOT NULL,     -- 2025年前三季度 (relabelled by 0014)
    label_en        nvarchar(40)  NOT NULL,     -- 2025 Q1-Q3
    ytd_start       date          NOT NULL,
    period_end      date          NOT NULL
);

CREATE TABLE dw.indicator (
    indicator_key    bigint        IDENTITY(1, 1) NOT NULL CONSTRAINT pk_indicator PRIMARY KEY,
    indicator_code   nvarchar(64)  NOT NULL CONSTRAINT ux_indicator_code UNIQUE,
    name_zh          nvarchar(200) NOT NULL,
    name_en          nvarchar(200) NOT NULL,
    unit             nvarchar(40)  NOT NULL,
    kind             nvarchar(20)  NOT NULL CONSTRAINT ck_indicator_kind CHECK (kind IN (N'flow_ytd', N'stock', N'derived_ratio', N'target')),
    direction        nvarchar(10)  NOT NULL CONSTRAINT ck_indicator_direction CHECK (direction IN (N'higher', N'lower')),
    rank_precision   int           NOT NULL,
    plausible_min    decimal(28,8) NOT NULL,
    plausible_max    decimal(28,8) NOT NULL,
    numerator_code   nvarchar(64)  NULL,
    denominator_code nvarchar(64)  NULL
);
