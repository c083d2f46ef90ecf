using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Operations;
using Prosperity.Etl.Ranking;

namespace Prosperity.Etl.Data;

/// <summary>
/// What an engine's <c>AddProsperity…</c> registers through the shared Dapper layer: its connections
/// and dialect, its migrator, the warehouse, the ranking, bulletin and operations stores and the probe,
/// each behind its Core interface. The clock and the logger factory come from the container.
/// </summary>
public static class WarehouseRegistration
{
    /// <summary>
    /// Registers a Dapper warehouse: <paramref name="connections"/> is built on first use (an embedded
    /// engine creates its folder then, not when the container is set up).
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="connections">Builds the engine's connection factory.</param>
    /// <param name="dialect">The engine's SQL dialect.</param>
    /// <param name="migrator">Builds the engine's schema migrator.</param>
    /// <param name="warehouse">Builds the engine's warehouse (with its bulk path).</param>
    /// <param name="rankingStore">Builds the engine's ranking store; the shared one when null.</param>
    /// <param name="exists">For an embedded engine: whether its database exists, asked before a connection would create it.</param>
    /// <param name="location">For an embedded engine: where its database is, printed when it does not exist.</param>
    public static IServiceCollection AddDapperWarehouse<TConnections, TDialect>(
        this IServiceCollection services,
        Func<IServiceProvider, TConnections> connections,
        TDialect dialect,
        Func<IServiceProvider, ISchemaMigrator> migrator,
        Func<IServiceProvider, DapperWarehouse> warehouse,
        Func<IServiceProvider, RankingStore>? rankingStore = null,
        Func<bool>? exists = null,
        string? location = null)
        where TConnections : class, IConnectionFactory
        where TDialect : SqlDialect
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(dialect);
        services.AddSingleton(connections);
        services.AddSingleton<IConnectionFactory>(sp => sp.GetRequiredService<TConnections>());
        services.AddSingleton(dialect);
        services.AddSingleton<SqlDialect>(dialect);
        services.AddSingleton(migrator);
        services.AddSingleton<IWarehouse>(warehouse);
        services.AddSingleton<IRankingStore>(sp => rankingStore?.Invoke(sp) ?? new RankingStore(sp.GetRequiredService<IConnectionFactory>(), dialect, Clock(sp)));
        services.AddSingleton<IBulletinStore>(sp => new BulletinStore(sp.GetRequiredService<IConnectionFactory>(), dialect, Clock(sp)));
        services.AddSingleton<Review.IReviewStore>(sp => new ReviewStore(sp.GetRequiredService<IConnectionFactory>(), dialect, Clock(sp)));
        services.AddSingleton<Publishing.IOfficialValues>(sp => new OfficialValueStore(sp.GetRequiredService<IConnectionFactory>(), dialect));
        services.AddSingleton<IOperationsStore>(sp => new OperationsStore(sp.GetRequiredService<IConnectionFactory>(), dialect, Clock(sp)));
        services.AddSingleton<IWarehouseProbe>(sp => new SchemaProbe(sp.GetRequiredService<IConnectionFactory>, dialect, exists, location));
        return services;
    }

    /// <summary>The container's clock (the system clock unless a test gives its own).</summary>
    public static TimeProvider Clock(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>A logger from the container's logger factory.</summary>
    public static ILogger<T> Logger<T>(IServiceProvider services) =>
        (services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<T>();
}
