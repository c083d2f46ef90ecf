using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.SqlClient;
using Prosperity.Etl.Operations;

namespace Prosperity.Etl.Host.Web;

/// <summary>
/// Hangfire's job storage follows the warehouse: a SQLite file beside the SQLite warehouse, the
/// <c>hangfire</c> schema of the PostgreSQL or SQL Server warehouse database.
/// </summary>
public static class HangfireStorageFactory
{
    /// <summary>The storage for the services' warehouse target.</summary>
    public static JobStorage Create(AppServices services, JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        var invisibility = TimeSpan.FromSeconds(options.InvisibilitySeconds);
        var staleLock = TimeSpan.FromSeconds(options.StaleLockSeconds);
        return services.Target.Provider switch
        {
            "sqlite" => new SQLiteStorage(SqliteStoragePath(services), new SQLiteStorageOptions
            {
                // SQLite has no notification: a short poll keeps "Trigger now" snappy.
                QueuePollInterval = poll,
                InvisibilityTimeout = invisibility,
                DistributedLockLifetime = staleLock,
            }),
            "postgres" => new PostgreSqlStorage(new NpgsqlConnectionFactory(services.Target.Connection, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                QueuePollInterval = poll,
                InvisibilityTimeout = invisibility,
                // A job stays invisible while its server is alive, however long it runs; the timeout
                // only decides when a dead server's job is handed to another.
                UseSlidingInvisibilityTimeout = true,
                DistributedLockTimeout = staleLock,
                PrepareSchemaIfNecessary = true,
            }),
            "sqlserver" => new SqlServerStorage(() => new SqlConnection(services.Target.Connection), new SqlServerStorageOptions
            {
                SchemaName = "hangfire",
                QueuePollInterval = poll,
                SlidingInvisibilityTimeout = invisibility,
                PrepareSchemaIfNecessary = true,
            }),
            _ => throw new UsageException($"The {services.Target.Provider} warehouse is not available in this build."),
        };
    }

    /// <summary>The Hangfire database beside a SQLite warehouse: <c>warehouse.db</c> → <c>warehouse.hangfire.db</c>.</summary>
    public static string SqliteStoragePath(AppServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var warehouse = Path.GetFullPath(services.SqliteFile ?? "data/warehouse.db");
        Directory.CreateDirectory(Path.GetDirectoryName(warehouse)!);
        return Path.Combine(Path.GetDirectoryName(warehouse)!, Path.GetFileNameWithoutExtension(warehouse) + ".hangfire.db");
    }
}
