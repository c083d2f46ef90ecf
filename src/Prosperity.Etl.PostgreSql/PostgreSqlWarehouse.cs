using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.PostgreSql;

/// <summary>
/// The warehouse on PostgreSQL: the shared Dapper logic, with facts loaded by binary COPY into
/// etl.stage_fact_indicator_value and moved into the fact table by one set-based INSERT ... SELECT,
/// all inside the submission's transaction.
/// </summary>
public sealed class PostgreSqlWarehouse(
    PostgreSqlConnectionFactory connections,
    PostgreSqlDialect dialect,
    ISchemaMigrator migrator,
    TimeProvider clock,
    ILogger<DapperWarehouse> logger) : DapperWarehouse(connections, dialect, migrator, clock, logger)
{
    /// <summary>Creates the warehouse over an Npgsql connection string.</summary>
    public static PostgreSqlWarehouse Create(string connectionString, TimeProvider clock, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var connections = new PostgreSqlConnectionFactory(connectionString);
        return new PostgreSqlWarehouse(connections, new PostgreSqlDialect(),
            new PostgreSqlMigrator(connections, loggerFactory.CreateLogger<PostgreSqlMigrator>()), clock, loggerFactory.CreateLogger<DapperWarehouse>());
    }

    /// <summary>The ranking-fact store over this warehouse's connections.</summary>
    public RankingStore CreateRankingStore(TimeProvider clock) => new(connections, dialect, clock);

    /// <summary>The bulletin store over this warehouse's connections.</summary>
    public BulletinStore CreateBulletinStore(TimeProvider clock) => new(connections, dialect, clock);

    /// <summary>The operations store (run lock, inbox ledger) over this warehouse's connections.</summary>
    public OperationsStore CreateOperationsStore(TimeProvider clock) => new(connections, dialect, clock);

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

        await CopyAsync((NpgsqlConnection)connection, dialect.CopyStageFacts, facts, cancellationToken);
        var submissionId = facts[0].SubmissionId;
        var merged = await connection.ExecuteAsync(new CommandDefinition(dialect.MergeStagedFacts, new { SubmissionId = submissionId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(dialect.ClearStagedFacts, new { SubmissionId = submissionId }, transaction, cancellationToken: cancellationToken));
        if (merged != facts.Count)
        {
            // An indicator code missing from the dimension would otherwise drop a fact silently.
            throw new WarehouseException($"Submission {submissionId}: {facts.Count} facts staged but {merged} merged; run 'prosperity migrate' to seed the indicators.");
        }
    }

    /// <summary>Writes rows to the staging table with binary COPY (it joins the connection's open transaction).</summary>
    private static async Task CopyAsync(NpgsqlConnection connection, string copy, IReadOnlyList<FactRow> facts, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var f in facts)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(f.SubmissionId, NpgsqlDbType.Bigint, cancellationToken);
            await writer.WriteAsync(f.IndicatorCode, NpgsqlDbType.Varchar, cancellationToken);
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
