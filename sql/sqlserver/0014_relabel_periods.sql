-- Periods labelled as bureaus print cumulative periods: 2025年一季度, 2025年上半年, 2025年前三季度 and,
-- for the full year, 2025年 (nobody writes 1-2季度 or 1-4季度). Forward only: the seeded rows are
-- relabelled in place; the reference seed writes the same labels from now on.
UPDATE dw.period
SET label_zh = CAST(year AS nvarchar(4)) + CASE quarter
        WHEN 1 THEN N'年一季度'
        WHEN 2 THEN N'年上半年'
        WHEN 3 THEN N'年前三季度'
        ELSE N'年'
    END;
GO
