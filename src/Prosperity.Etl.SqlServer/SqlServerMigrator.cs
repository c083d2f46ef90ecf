using DbUp;
using DbUp.Engine;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.SqlServer;

/// <summary>
/// Runs the scripts of sql/sqlserver (embedded in this assembly) with DbUp, one transaction per
/// script (DbUp splits them on GO), creating the database first when it is missing.
/// </summary>
public sealed class SqlServerMigrator(SqlServerConnectionFactory connections, ILogger<SqlServerMigrator> logger) : ISchemaMigrator
{
    private const string ScriptPrefix = "Prosperity.Etl.SqlServer.Scripts.";

    /// <summary>The embedded migration scripts, by file name, in the order DbUp runs them.</summary>
    public static IReadOnlyList<(string Name, string Text)> Scripts()
    {
        var assembly = typeof(SqlServerMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ScriptPrefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n[ScriptPrefix.Length..], reader.ReadToEnd());
            })
            .ToList();
    }

    /// <inheritdoc />
    public IReadOnlyList<string> Migrate()
    {
        ArgumentNullException.ThrowIfNull(connections);
        var log = new DbUpLog(logger);
        DatabaseUpgradeResult result;
        try
        {
            if (!DatabaseExists())
            {
                EnsureDatabase.For.SqlDatabase(connections.ConnectionString, log);
            }

            var upgrader = DeployChanges.To
                .SqlDatabase(connections.ConnectionString)
                .WithScriptsEmbeddedInAssembly(typeof(SqlServerMigrator).Assembly, name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
                .WithTransactionPerScript()
                .ResetConfiguredLoggers()
                .LogTo(log)
                .Build();
            if (!upgrader.IsUpgradeRequired())
            {
                return [];
            }

            result = upgrader.PerformUpgrade();
        }
        catch (SqlException ex)
        {
            throw connections.Explain(ex);
        }

        if (!result.Successful)
        {
            if (result.Error is SqlException driver)
            {
                throw connections.Explain(driver);
            }

            throw new WarehouseException(
                $"Migration {result.ErrorScript?.Name ?? "?"} failed on {connections.Describe()}: {result.Error?.Message}", result.Error!);
        }

        return result.Scripts.Select(s => s.Name[ScriptPrefix.Length..]).ToList();
    }

    // DbUp's creation step connects to master, which a warehouse login (Azure SQL in particular)
    // may not be allowed to open: only go there when the warehouse database itself cannot be opened.
    private bool DatabaseExists()
    {
        try
        {
            using var connection = new SqlConnection(connections.ConnectionString);
            connection.Open();
            return true;
        }
        catch (SqlException ex) when (ex.Number == 4060)
        {
            return false;
        }
    }
}
