using DbUp;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.Sqlite;

/// <summary>Runs the scripts of sql/sqlite (embedded in this assembly) with DbUp, one transaction per script.</summary>
public sealed class SqliteMigrator(SqliteConnectionFactory connections, ILogger<SqliteMigrator> logger) : ISchemaMigrator
{
    private const string ScriptPrefix = "Prosperity.Etl.Sqlite.Scripts.";

    /// <inheritdoc />
    public IReadOnlyList<string> Migrate()
    {
        var upgrader = DeployChanges.To
            .SqliteDatabase(connections.ConnectionString)
            .WithScriptsEmbeddedInAssembly(typeof(SqliteMigrator).Assembly, name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .LogTo(new DbUpLog(logger))
            .Build();

        if (!upgrader.IsUpgradeRequired())
        {
            return [];
        }

        var result = upgrader.PerformUpgrade();
        if (!result.Successful)
        {
            throw new WarehouseException(
                $"Migration {result.ErrorScript?.Name ?? "?"} failed on {connections.Describe()}: {result.Error?.Message}", result.Error!);
        }

        return result.Scripts.Select(s => s.Name[ScriptPrefix.Length..]).ToList();
    }
}
