using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.PostgreSql;

/// <summary>
/// The warehouse on PostgreSQL: the shared Dapper logic, with facts loaded by one binary COPY
/// straight into the fact table (indicator keys resolved once, see <see cref="IndicatorKeys"/>), inside the submission's
/// transaction. The staging table of 0007 is no longer written on PostgreSQL.
/// </summary>
public sealed class PostgreSqlWarehouse(
    PostgreSqlConnectionFactory connections,
    PostgreSqlDialect dialect,
    ISchemaMigrator migrator,
    TimeProvider clock,
    ILogger<DapperWarehouse> logger) : DapperWarehouse(connections, dialect, migrator, clock, logger)
{
    private readonly IndicatorKeys _keys = new(dialect);

    /// <summary>Creates the warehouse over an Npgsql connection string.</summary>
    public static PostgreSqlWarehouse Create(string connectionString, TimeProvider clock, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var connections = new PostgreSqlConnectionFactory(connectionString);
        return new PostgreSqlWarehouse(connections, new PostgreSqlDialect(),
            new PostgreSqlMigrator(connections, loggerFactory.CreateLogger<PostgreSqlMigrator>()), clock, loggerFactory.CreateLogger<DapperWarehouse>());
    }

    /// <inheritdoc />
    protected override string LoadPath => "binary_copy";

    /// <inheritdoc />
    protected override async Task InsertFactsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FactRow> facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Count == 0)
        {
            return;
        }

        // Keys resolved once, then one binary COPY straight into the fact table: no staging
        // rows to write, merge and delete (three statements and every row written twice).
        var keys = await _keys.ResolveAsync(connection, transaction, facts.Select(f => f.IndicatorCode), facts[0].SubmissionId, cancellationToken);
        var resolved = facts.Select(f => (Fact: f, Key: keys[f.IndicatorCode])).ToList();
        await using var writer = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(dialect.CopyFacts, cancellationToken);
        foreach (var (f, key) in resolved)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(f.SubmissionId, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(key, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(f.RegionKey, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(f.PeriodKey, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(writer, f.Value, NpgsqlDbType.Numeric, cancellationToken);
            await WriteNullableAsync(writer, f.Explanation, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(f.Sheet, NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(f.Cell, NpgsqlDbType.Varchar, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);
}
