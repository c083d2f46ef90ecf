using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Data;
using Prosperity.Etl.Operations;

namespace Prosperity.Etl.Sqlite;

/// <summary>Registers the embedded SQLite warehouse: <c>services.AddProsperitySqlite("data/warehouse.db")</c>.</summary>
public static class SqliteRegistration
{
    /// <summary>
    /// Adds the SQLite warehouse over the file named by <paramref name="connection"/> (a bare path or
    /// <c>Data Source=PATH</c>): the warehouse, its stores, migrator and probe, and Hangfire's job
    /// storage in a file beside it (<c>warehouse.db</c> → <c>warehouse.hangfire.db</c>), timed by the
    /// <c>Jobs</c> section (<see cref="JobOptions"/>).
    /// </summary>
    public static IServiceCollection AddProsperitySqlite(this IServiceCollection services, string connection)
    {
        ArgumentNullException.ThrowIfNull(services);
        var path = Path.GetFullPath(SqliteConnectionFactory.PathOf(connection));
        var dialect = new SqliteDialect();
        services.AddSingleton(new EngineTraits(Embedded: true));
        services.AddDapperWarehouse(
            sp => new SqliteConnectionFactory(path, Options(sp.GetService<WarehouseAccess>())),
            dialect,
            sp => new SqliteMigrator(sp.GetRequiredService<SqliteConnectionFactory>(), WarehouseRegistration.Logger<SqliteMigrator>(sp)),
            sp => new SqlitePreparedWarehouse(sp.GetRequiredService<SqliteConnectionFactory>(), dialect, sp.GetRequiredService<ISchemaMigrator>(),
                WarehouseRegistration.Clock(sp), WarehouseRegistration.Logger<DapperWarehouse>(sp)),
            rankingStore: sp => new SqliteRankingStore(sp.GetRequiredService<SqliteConnectionFactory>(), dialect, WarehouseRegistration.Clock(sp)),
            // A directory where the file should be is there but unreadable: opening it says why.
            exists: () => File.Exists(path) || Directory.Exists(path),
            location: path);
        services.AddSingleton<JobStorage>(sp =>
        {
            var options = sp.GetService<JobOptions>() ?? new JobOptions();
            return new SQLiteStorage(HangfireStoragePath(path), new SQLiteStorageOptions
            {
                // SQLite has no notification: a short poll keeps "Trigger now" snappy.
                QueuePollInterval = TimeSpan.FromSeconds(options.PollSeconds),
                InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilitySeconds),
                DistributedLockLifetime = TimeSpan.FromSeconds(options.StaleLockSeconds),
            });
        });
        return services;
    }

    private static SqliteOpenOptions Options(WarehouseAccess? access) =>
        access is null ? SqliteOpenOptions.Default : new SqliteOpenOptions(access.ReadOnly(), access.BusyTimeoutSeconds);

    /// <summary>The Hangfire database beside a SQLite warehouse: <c>warehouse.db</c> → <c>warehouse.hangfire.db</c>; its folder is created.</summary>
    public static string HangfireStoragePath(string warehousePath)
    {
        var warehouse = Path.GetFullPath(warehousePath);
        var folder = Path.GetDirectoryName(warehouse)!;
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, Path.GetFileNameWithoutExtension(warehouse) + ".hangfire.db");
    }
}
