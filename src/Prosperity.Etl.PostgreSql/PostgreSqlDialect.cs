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

    /// <inheritdoc />
    public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

    /// <summary>The binary COPY that loads facts with resolved keys straight into the fact table, columns in <see cref="SqlDialect.FactColumns"/> order.</summary>
    public string CopyFacts => $"COPY {Fact} ({FactColumnList}) FROM STDIN (FORMAT BINARY)";
}
