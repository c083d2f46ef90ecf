using Prosperity.Etl.Data;

namespace Prosperity.Etl.Sqlite;

/// <summary>SQLite has no schemas: dw.region becomes dw_region. Everything else is the default SQL.</summary>
public sealed class SqliteDialect : SqlDialect
{
    /// <inheritdoc />
    public override string Name => "sqlite";

    /// <inheritdoc />
    public override string Table(string schema, string name) => $"{schema}_{name}";

    /// <inheritdoc />
    /// <remarks>SQLite stores an integral NUMERIC as INTEGER and others as REAL; reading both as REAL keeps one CLR type per column.</remarks>
    public override string ReadNumeric(string column) => $"CAST({column} AS REAL)";

    /// <inheritdoc />
    /// <remarks>
    /// CROSS JOIN fixes SQLite's join order (the region, then its accepted submissions of the window
    /// through ux_submission_current, then their facts): without ANALYZE statistics the planner
    /// otherwise starts from every region's accepted submissions of the window (ix_submission_status).
    /// </remarks>
    public override string SelectRegionHistory => $"""
        SELECT s.period_key AS PeriodKey, i.indicator_code AS IndicatorCode, {ReadNumeric("f.value")} AS Value
        FROM {Region} r
        CROSS JOIN {Submission} s ON s.region_key = r.region_key AND s.status = 'accepted' AND s.period_key >= @FromKey AND s.period_key <= @ToKey
        JOIN {Fact} f ON f.submission_id = s.submission_id
        JOIN {IndicatorTable} i ON i.indicator_key = f.indicator_key
        WHERE r.region_code = @RegionCode
        """;
}
