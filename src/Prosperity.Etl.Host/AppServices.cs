using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Import;
using Prosperity.Etl.PostgreSql;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.SqlServer;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Host;

/// <summary>The composition root of the command-line verbs: configuration, warehouse, importer, ranking.</summary>
public sealed class AppServices
{
    private AppServices(IConfiguration configuration, ILoggerFactory loggerFactory, WarehouseTarget target)
    {
        Configuration = configuration;
        LoggerFactory = loggerFactory;
        Target = target;
        ImportOptions = configuration.GetSection(ImportOptions.SectionName).Get<ImportOptions>() ?? new ImportOptions();
        Warehouse = target.Provider switch
        {
            "sqlite" => SqliteWarehouse.Create(SqlitePath(target.Connection), Clock, loggerFactory),
            "postgres" => PostgreSqlWarehouse.Create(target.Connection, Clock, loggerFactory),
            "sqlserver" => SqlServerWarehouse.Create(target.Connection, Clock, loggerFactory),
            _ => throw new UsageException($"The {target.Provider} warehouse is not available in this build."),
        };
    }

    public IConfiguration Configuration { get; }

    public ILoggerFactory LoggerFactory { get; }

    public WarehouseTarget Target { get; }

    public ImportOptions ImportOptions { get; }

    public IWarehouse Warehouse { get; }

    public ReferenceCatalog Catalog { get; } = ReferenceCatalog.Default;

    public TimeProvider Clock { get; } = TimeProvider.System;

    /// <summary>Builds the services for a verb: <paramref name="db"/> (<c>--db</c>) wins over configuration.</summary>
    public static AppServices Create(IConfiguration configuration, ILoggerFactory loggerFactory, string? db)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var target = db is not null
            ? WarehouseTarget.Parse(db)
            : WarehouseTarget.Create(configuration["Warehouse:Provider"] ?? "sqlite", configuration.GetConnectionString("Warehouse") ?? "data/warehouse.db");
        return new AppServices(configuration, loggerFactory, target);
    }

    /// <summary>Creates or upgrades the schema and seeds reference data.</summary>
    public Task EnsureWarehouseAsync(CancellationToken cancellationToken) => Warehouse.EnsureReadyAsync(Catalog, cancellationToken);

    public SubmissionImporter CreateImporter() => new(
        new SubmissionWorkbookReader(),
        new SubmissionValidator(Catalog, Clock),
        Warehouse,
        ImportOptions,
        Clock,
        LoggerFactory.CreateLogger<SubmissionImporter>());

    public RankingService CreateRankingService() => new(Warehouse, Catalog);

    // Accepts a bare path or an ADO.NET style "Data Source=PATH".
    private static string SqlitePath(string connection)
    {
        const string key = "Data Source=";
        var c = connection.Trim();
        return c.StartsWith(key, StringComparison.OrdinalIgnoreCase) ? c[key.Length..].TrimEnd(';').Trim() : c;
    }
}
