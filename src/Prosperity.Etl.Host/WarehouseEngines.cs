using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.PostgreSql;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.SqlServer;

namespace Prosperity.Etl.Host;

/// <summary>
/// The one place that knows the warehouse engines by name (<c>Warehouse:Provider</c> or the
/// provider of <c>--db</c>): each engine registers itself with its own <c>AddProsperity…</c>.
/// A new engine is one project and one case here.
/// </summary>
public static class WarehouseEngines
{
    /// <summary>The providers this build can open.</summary>
    public static IReadOnlyList<string> SupportedProviders { get; } = ["sqlite", "postgres", "sqlserver"];

    /// <summary>The canonical name of a provider name or alias (<c>postgresql</c> → <c>postgres</c>).</summary>
    public static string CanonicalName(string provider) => Select(provider, null, string.Empty);

    /// <summary>Registers the engine of <paramref name="target"/>: its warehouse, stores, migrator, probe and Hangfire storage.</summary>
    public static IServiceCollection AddProsperityWarehouse(this IServiceCollection services, WarehouseTarget target)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(target);
        Select(target.Provider, services, target.Connection);
        services.AddSingleton(target);
        return services;
    }

    // Names the engine and, given services, registers it.
    private static string Select(string provider, IServiceCollection? services, string connection)
    {
        switch (provider.Trim().ToLowerInvariant())
        {
            case "sqlite":
                services?.AddProsperitySqlite(connection);
                return "sqlite";
            case "postgres" or "postgresql" or "npgsql":
                services?.AddProsperityPostgreSql(connection);
                return "postgres";
            case "sqlserver" or "mssql":
                services?.AddProsperitySqlServer(connection);
                return "sqlserver";
            default:
                throw new UsageException($"Unknown warehouse provider '{provider}'; use {string.Join(", ", SupportedProviders.SkipLast(1))} or {SupportedProviders[^1]}.");
        }
    }
}
