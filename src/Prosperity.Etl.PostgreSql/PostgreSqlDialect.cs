using Prosperity.Etl.Data;

namespace Prosperity.Etl.PostgreSql;

/// <summary>
/// PostgreSQL speaks the default SQL (schemas, <c>ON CONFLICT</c>, <c>RETURNING</c>); only dates
/// differ: they go as <see cref="DateOnly"/> so they bind to <c>date</c> columns without casts.
/// </summary>
public sealed class PostgreSqlDialect : SqlDialect
{
    /// <inheritdoc />
    public override string Name => "postgres";

    /// <inheritdoc />
    public override object DateValue(DateOnly day) => day;

    /// <summary>The binary COPY that loads facts with resolved keys straight into the fact table.</summary>
    public string CopyFacts => $"COPY {Fact} (submission_id, indicator_key, region_key, period_key, value, explanation, source_sheet, source_cell) FROM STDIN (FORMAT BINARY)";

    /// <summary>The binary COPY that fills the staging table, columns in <see cref="SqlDialect.StageFactColumns"/> order.</summary>
    public string CopyStageFacts => $"COPY {StageFact} ({string.Join(", ", StageFactColumns)}) FROM STDIN (FORMAT BINARY)";
}
