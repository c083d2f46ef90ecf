using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.SqlServer;

/// <summary>
/// The warehouse on SQL Server: the shared Dapper logic, with facts loaded by <see cref="SqlBulkCopy"/>
/// into etl.stage_fact_indicator_value and moved into the fact table by one set-based
/// INSERT ... SELECT, all inside the submission's transaction.
/// </summary>
public sealed class SqlServerWarehouse(
    SqlServerConnectionFactory connections,
    SqlServerDialect dialect,
    ISchemaMigrator migrator,
    TimeProvider clock,
    ILogger<DapperWarehouse> logger) : DapperWarehouse(connections, dialect, migrator, clock, logger)
{
    /// <summary>
    /// The bulk copy's column mappings: source column of the staging <see cref="DataTable"/> to the
    /// staging table's column (checked against the table in the DacFx model by the tests).
    /// </summary>
    public static IReadOnlyList<(string Source, string Destination)> StageColumnMappings { get; } =
        StageColumns.Select(c => (c.Name, c.Name)).ToList();

    // The staging DataTable's columns, named as the staging table's (SqlDialect.StageFactColumns).
    private static (string Name, Type Type)[] StageColumns =>
    [
        ("submission_id", typeof(long)), ("indicator_code", typeof(string)), ("region_key", typeof(long)), ("period_key", typeof(int)),
        ("value", typeof(decimal)), ("explanation", typeof(string)), ("source_sheet", typeof(string)), ("source_cell", typeof(string)),
    ];

    /// <summary>Creates the warehouse over a SqlClient connection string.</summary>
    public static SqlServerWarehouse Create(string connectionString, TimeProvider clock, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        var connections = new SqlServerConnectionFactory(connectionString);
        return new SqlServerWarehouse(connections, new SqlServerDialect(),
            new SqlServerMigrator(connections, loggerFactory.CreateLogger<SqlServerMigrator>()), clock, loggerFactory.CreateLogger<DapperWarehouse>());
    }

    /// <summary>The ranking-fact store over this warehouse's connections.</summary>
    public RankingStore CreateRankingStore(TimeProvider clock) => new SqlServerRankingStore(connections, dialect, clock);

    /// <summary>The bulletin store over this warehouse's connections.</summary>
    public BulletinStore CreateBulletinStore(TimeProvider clock) => new(connections, dialect, clock);

    /// <summary>The operations store (run lock, inbox ledger) over this warehouse's connections.</summary>
    public OperationsStore CreateOperationsStore(TimeProvider clock) => new(connections, dialect, clock);

    /// <inheritdoc />
    protected override string LoadPath => "bulk_copy";

    /// <inheritdoc />
    protected override async Task InsertFactsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<FactRow> facts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (facts.Count == 0)
        {
            return;
        }

        using var table = StageTable(facts);
        using (var bulk = new SqlBulkCopy((SqlConnection)connection, SqlBulkCopyOptions.CheckConstraints, (SqlTransaction)transaction))
        {
            bulk.DestinationTableName = dialect.StageFact;
            foreach (var (source, destination) in StageColumnMappings)
            {
                bulk.ColumnMappings.Add(source, destination);
            }

            await bulk.WriteToServerAsync(table, cancellationToken);
        }

        var submissionId = facts[0].SubmissionId;
        var merged = await connection.ExecuteAsync(new CommandDefinition(dialect.MergeStagedFacts, new { SubmissionId = submissionId }, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(dialect.ClearStagedFacts, new { SubmissionId = submissionId }, transaction, cancellationToken: cancellationToken));
        if (merged != facts.Count)
        {
            // An indicator code missing from the dimension would otherwise drop a fact silently.
            throw new WarehouseException($"Submission {submissionId}: {facts.Count} facts staged but {merged} merged; run 'prosperity migrate' to seed the indicators.");
        }
    }

    private static DataTable StageTable(IReadOnlyList<FactRow> facts)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var (name, type) in StageColumns)
        {
            table.Columns.Add(name, type);
        }

        foreach (var f in facts)
        {
            table.Rows.Add(f.SubmissionId, f.IndicatorCode, f.RegionKey, f.PeriodKey, (object?)f.Value ?? DBNull.Value,
                (object?)f.Explanation ?? DBNull.Value, f.Sheet, f.Cell);
        }

        return table;
    }
}
