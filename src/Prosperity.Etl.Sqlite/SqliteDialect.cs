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
}
