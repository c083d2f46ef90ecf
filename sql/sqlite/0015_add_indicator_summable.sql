-- Whether an indicator's figures may be added up across regions (counts and amounts may; per-capita
-- incomes and ratios may not: a city's figure is its own, not the sum of its districts'), and the
-- indicator that measures what has been achieved against a planned target. Both come from the
-- catalogue (columns summable and achieved_by) and are written by the reference seed.
ALTER TABLE dw_indicator ADD COLUMN summable INTEGER NOT NULL DEFAULT 0 CHECK (summable IN (0, 1));
ALTER TABLE dw_indicator ADD COLUMN achieved_by_code TEXT NULL;

DROP VIEW bi_indicator;
CREATE VIEW bi_indicator AS
SELECT
    i.indicator_key,
    i.indicator_code,
    i.name_zh          AS indicator_name_zh,
    i.name_en          AS indicator_name_en,
    i.unit,
    i.kind             AS indicator_kind,
    i.direction,
    i.rank_precision,
    i.numerator_code,
    i.denominator_code,
    i.summable,
    i.achieved_by_code
FROM dw_indicator i;
