using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.Sqlite;

/// <summary>
/// The warehouse on SQLite: the shared Dapper logic, with a submission's facts inserted by one
/// prepared command whose parameters are created once and rebound per row, indicator keys resolved
/// once (see <see cref="IndicatorKeys"/>) instead of by a sub-select per row. A province return carries about 300 facts;
/// per-row Dapper parameter objects and lookups cost more than the inserts themselves.
/// </summary>
public sealed class SqlitePreparedWarehouse(
    IConnectionFactory connections,
    SqlDialect dialect,
    ISchemaMigrator migrator,
    TimeProvider clock,
    ILogger<DapperWarehouse> logger) : DapperWarehouse(connections, dialect, migrator, clock, logger)
{
    private readonly IndicatorKeys _keys = new(dialect);

    /// <inheritdoc />
    protected override async Task InsertFactsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FactRow> facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Count == 0)
        {
            return;
        }

        var keys = await _keys.ResolveAsync(connection, transaction, facts.Select(f => f.IndicatorCode), facts[0].SubmissionId, cancellationToken);
        await using var command = (SqliteCommand)connection.CreateCommand();
        command.Transaction = (SqliteTransaction)transaction;
        command.CommandText = $"""
            INSERT INTO {Dialect.Fact} ({SqlDialect.FactColumnList})
            VALUES (@SubmissionId, @IndicatorKey, @RegionKey, @PeriodKey, @Value, @Explanation, @Sheet, @Cell)
            """;
        var submission = command.Parameters.Add("@SubmissionId", SqliteType.Integer);
        var indicator = command.Parameters.Add("@IndicatorKey", SqliteType.Integer);
        var region = command.Parameters.Add("@RegionKey", SqliteType.Integer);
        var period = command.Parameters.Add("@PeriodKey", SqliteType.Integer);
        // Bound as Dapper binds a decimal (text), so the column's NUMERIC affinity stores the same value.
        var value = command.Parameters.Add("@Value", SqliteType.Text);
        var explanation = command.Parameters.Add("@Explanation", SqliteType.Text);
        var sheet = command.Parameters.Add("@Sheet", SqliteType.Text);
        var cell = command.Parameters.Add("@Cell", SqliteType.Text);
        await command.PrepareAsync(cancellationToken);
        foreach (var f in facts)
        {
            submission.Value = f.SubmissionId;
            indicator.Value = keys[f.IndicatorCode];
            region.Value = f.RegionKey;
            period.Value = f.PeriodKey;
            value.Value = f.Value is { } v ? v : DBNull.Value;
            explanation.Value = (object?)f.Explanation ?? DBNull.Value;
            sheet.Value = f.Sheet;
            cell.Value = f.Cell;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
