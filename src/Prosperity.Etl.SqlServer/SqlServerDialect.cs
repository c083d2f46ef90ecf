using Prosperity.Etl.Data;

namespace Prosperity.Etl.SqlServer;

/// <summary>
/// T-SQL for the warehouse: <c>MERGE</c> where the default SQL says <c>ON CONFLICT</c>,
/// <c>OUTPUT inserted.id</c> where it says <c>RETURNING</c>, dates as <see cref="DateTime"/>.
/// Every statement here is compiled into a DacFx model by the tests, so a wrong column fails a test.
/// </summary>
public sealed class SqlServerDialect : SqlDialect
{
    /// <inheritdoc />
    public override string Name => "sqlserver";

    /// <inheritdoc />
    public override object DateValue(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);

    /// <inheritdoc />
    /// <remarks>
    /// HOLDLOCK: MERGE alone is not atomic against a concurrent insert of the same key. The dates are
    /// cast because a null date arrives untyped (sql_variant), which SQL Server will not convert implicitly.
    /// </remarks>
    public override string UpsertRegion => $"""
        MERGE {Region} WITH (HOLDLOCK) AS t
        USING (VALUES (@Code, @NameZh, @NameEn, @Level, @ParentCode, CAST(@ValidFrom AS date), CAST(@ValidTo AS date), @SuccessorCode))
            AS s (region_code, name_zh, name_en, level, parent_code, valid_from, valid_to, successor_code)
        ON t.region_code = s.region_code AND t.valid_from = s.valid_from
        WHEN MATCHED THEN UPDATE SET
            name_zh = s.name_zh, name_en = s.name_en, level = s.level, parent_code = s.parent_code,
            valid_to = s.valid_to, successor_code = s.successor_code
        WHEN NOT MATCHED THEN
            INSERT (region_code, name_zh, name_en, level, parent_code, valid_from, valid_to, successor_code)
            VALUES (s.region_code, s.name_zh, s.name_en, s.level, s.parent_code, s.valid_from, s.valid_to, s.successor_code);
        """;

    /// <inheritdoc />
    public override string UpsertIndicator => $"""
        MERGE {IndicatorTable} WITH (HOLDLOCK) AS t
        USING (VALUES (@Code, @NameZh, @NameEn, @Unit, @Kind, @Direction, @RankPrecision, @PlausibleMin, @PlausibleMax, @Numerator, @Denominator, @Summable, @AchievedBy))
            AS s (indicator_code, name_zh, name_en, unit, kind, direction, rank_precision, plausible_min, plausible_max, numerator_code, denominator_code, summable, achieved_by_code)
        ON t.indicator_code = s.indicator_code
        WHEN MATCHED THEN UPDATE SET
            name_zh = s.name_zh, name_en = s.name_en, unit = s.unit, kind = s.kind, direction = s.direction,
            rank_precision = s.rank_precision, plausible_min = s.plausible_min, plausible_max = s.plausible_max,
            numerator_code = s.numerator_code, denominator_code = s.denominator_code, summable = s.summable, achieved_by_code = s.achieved_by_code
        WHEN NOT MATCHED THEN
            INSERT (indicator_code, name_zh, name_en, unit, kind, direction, rank_precision, plausible_min, plausible_max, numerator_code, denominator_code, summable, achieved_by_code)
            VALUES (s.indicator_code, s.name_zh, s.name_en, s.unit, s.kind, s.direction, s.rank_precision, s.plausible_min, s.plausible_max,
                    s.numerator_code, s.denominator_code, s.summable, s.achieved_by_code);
        """;

    /// <inheritdoc />
    public override string UpsertPeriod => $"""
        MERGE {PeriodTable} WITH (HOLDLOCK) AS t
        USING (VALUES (@Key, @Code, @Year, @Quarter, @LabelZh, @LabelEn, @YtdStart, @PeriodEnd))
            AS s (period_key, period_code, year, quarter, label_zh, label_en, ytd_start, period_end)
        ON t.period_key = s.period_key
        WHEN MATCHED THEN UPDATE SET
            period_code = s.period_code, label_zh = s.label_zh, label_en = s.label_en, ytd_start = s.ytd_start, period_end = s.period_end
        WHEN NOT MATCHED THEN
            INSERT (period_key, period_code, year, quarter, label_zh, label_en, ytd_start, period_end)
            VALUES (s.period_key, s.period_code, s.year, s.quarter, s.label_zh, s.label_en, s.ytd_start, s.period_end);
        """;

    /// <inheritdoc />
    /// <remarks>Never appended in T-SQL: the statements say <see cref="OutputId"/> before VALUES.</remarks>
    public override string ReturningId(string column) => string.Empty;

    /// <inheritdoc />
    public override string TopClause() => "TOP (@Limit)";

    /// <inheritdoc />
    public override string LimitClause() => string.Empty;

    /// <inheritdoc />
    public override string OutputId(string column) => $"OUTPUT inserted.{column}";
}
