using DbUp;
using DbUp.Engine;
using Microsoft.Extensions.Logging;
using Npgsql;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.PostgreSql;

/// <summary>
/// Runs the scripts of sql/postgresql (embedded in this assembly) with DbUp, one transaction per
/// script, creating the database first when it is missing and the login may create it.
/// </summary>
public sealed class PostgreSqlMigrator(PostgreSqlConnectionFactory connections, ILogger<PostgreSqlMigrator> logger) : ISchemaMigrator
{
    private const string ScriptPrefix = "Prosperity.Etl.PostgreSql.Scripts.";

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
                EnsureDatabase.For.PostgresqlDatabase(connections.ConnectionString, log);
            }

            var upgrader = DeployChanges.To
                .PostgresqlDatabase(connections.ConnectionString)
                .WithScriptsEmbeddedInAssembly(typeof(PostgreSqlMigrator).Assembly, name => name.StartsWith(ScriptPrefix, StringComparison.Ordinal))
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
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw connections.Explain(ex);
        }

        if (!result.Successful)
        {
            if (result.Error is NpgsqlException driver)
            {
                throw connections.Explain(driver);
            }

            throw new WarehouseException(
                $"Migration {result.ErrorScript?.Name ?? "?"} failed on {connections.Describe()}: {result.Error?.Message}", result.Error!);
        }

        return result.Scripts.Select(s => s.Name[ScriptPrefix.Length..]).ToList();
    }

    // DbUp's creation step connects to the maintenance database, which a warehouse login may not
    // be allowed to open: only go there when the warehouse database itself is missing.
    private bool DatabaseExists()
    {
        try
        {
            using var connection = new NpgsqlConnection(connections.ConnectionString);
            connection.Open();
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == "3D000")
        {
            return false;
        }
    }
}
