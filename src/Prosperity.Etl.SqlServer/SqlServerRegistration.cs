using Hangfire;
using Hangfire.SqlServer;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Data;
using Prosperity.Etl.Operations;

namespace Prosperity.Etl.SqlServer;

/// <summary>Registers the SQL Server warehouse: <c>services.AddProsperitySqlServer("Server=...;Database=...")</c>.</summary>
public static class SqlServerRegistration
{
    /// <summary>
    /// Adds the SQL Server warehouse over a SqlClient connection string: the warehouse (bulk copy
    /// loads), its stores, migrator and probe, and Hangfire's job storage in the <c>hangfire</c>
    /// schema of the same database, timed by the <c>Jobs</c> section.
    /// </summary>
    public static IServiceCollection AddProsperitySqlServer(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var dialect = new SqlServerDialect();
        services.AddDapperWarehouse(
            _ => new SqlServerConnectionFactory(connectionString),
            dialect,
            sp => new SqlServerMigrator(sp.GetRequiredService<SqlServerConnectionFactory>(), WarehouseRegistration.Logger<SqlServerMigrator>(sp)),
            sp => new SqlServerWarehouse(sp.GetRequiredService<SqlServerConnectionFactory>(), dialect, sp.GetRequiredService<ISchemaMigrator>(),
                WarehouseRegistration.Clock(sp), WarehouseRegistration.Logger<DapperWarehouse>(sp)),
            sp => new SqlServerRankingStore(sp.GetRequiredService<SqlServerConnectionFactory>(), dialect, WarehouseRegistration.Clock(sp)));
        services.AddSingleton<JobStorage>(sp =>
        {
            var options = sp.GetService<JobOptions>() ?? new JobOptions();
            return new SqlServerStorage(() => new SqlConnection(connectionString), new SqlServerStorageOptions
            {
                SchemaName = "hangfire",
                QueuePollInterval = TimeSpan.FromSeconds(options.PollSeconds),
                SlidingInvisibilityTimeout = TimeSpan.FromSeconds(options.InvisibilitySeconds),
                PrepareSchemaIfNecessary = true,
            });
        });
        return services;
    }
}
