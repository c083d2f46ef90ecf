using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Data;
using Prosperity.Etl.Operations;

namespace Prosperity.Etl.PostgreSql;

/// <summary>Registers the PostgreSQL warehouse: <c>services.AddProsperityPostgreSql("Host=...;Database=...")</c>.</summary>
public static class PostgreSqlRegistration
{
    /// <summary>
    /// Adds the PostgreSQL warehouse over an Npgsql connection string: the warehouse (binary COPY
    /// loads), its stores (the ranking store with its COPY path), migrator and probe, and Hangfire's
    /// job storage in the <c>hangfire</c> schema of the same database, timed by the <c>Jobs</c> section.
    /// </summary>
    public static IServiceCollection AddProsperityPostgreSql(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var dialect = new PostgreSqlDialect();
        services.AddDapperWarehouse(
            _ => new PostgreSqlConnectionFactory(connectionString),
            dialect,
            sp => new PostgreSqlMigrator(sp.GetRequiredService<PostgreSqlConnectionFactory>(), WarehouseRegistration.Logger<PostgreSqlMigrator>(sp)),
            sp => new PostgreSqlWarehouse(sp.GetRequiredService<PostgreSqlConnectionFactory>(), dialect, sp.GetRequiredService<ISchemaMigrator>(),
                WarehouseRegistration.Clock(sp), WarehouseRegistration.Logger<DapperWarehouse>(sp)),
            sp => new PostgreSqlRankingStore(sp.GetRequiredService<PostgreSqlConnectionFactory>(), dialect, WarehouseRegistration.Clock(sp)));
        services.AddSingleton<JobStorage>(sp =>
        {
            var options = sp.GetService<JobOptions>() ?? new JobOptions();
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, new PostgreSqlStorageOptions()), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                QueuePollInterval = TimeSpan.FromSeconds(options.PollSeconds),
                InvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilitySeconds),
                // A job stays invisible while its server is alive, however long it runs; the timeout
                // only decides when a dead server's job is handed to another.
                UseSlidingInvisibilityTimeout = true,
                DistributedLockTimeout = TimeSpan.FromSeconds(options.StaleLockSeconds),
                PrepareSchemaIfNecessary = true,
            });
        });
        return services;
    }
}
