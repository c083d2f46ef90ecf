using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Bulletins;
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
    private AppServices(IConfiguration configuration, ILoggerFactory loggerFactory, WarehouseTarget target, TimeProvider clock, bool readOnly)
    {
        ReadOnly = readOnly;
        _sqlite = new SqliteOpenOptions(readOnly, configuration.GetValue("Warehouse:BusyTimeoutSeconds", 60));
        Clock = clock;
        Configuration = configuration;
        LoggerFactory = loggerFactory;
        Target = target;
        ImportOptions = configuration.GetSection(ImportOptions.SectionName).Get<ImportOptions>() ?? new ImportOptions();
        ValidationOptions = ReadValidationOptions(configuration);
        ReaderLimits = ReadReaderLimits(configuration);
        Catalog = ReadCatalog(configuration);
        Warehouse = target.Provider switch
        {
            "sqlite" => SqliteWarehouse.Create(SqlitePath(target.Connection), Clock, loggerFactory, _sqlite),
            "postgres" => PostgreSqlWarehouse.Create(target.Connection, Clock, loggerFactory),
            "sqlserver" => SqlServerWarehouse.Create(target.Connection, Clock, loggerFactory),
            _ => throw new UsageException($"The {target.Provider} warehouse is not available in this build."),
        };
    }

    private readonly SqliteOpenOptions _sqlite;

    public IConfiguration Configuration { get; }

    /// <summary>True for the verbs that only read: a SQLite warehouse is opened read-only and never created or migrated.</summary>
    public bool ReadOnly { get; }

    public ILoggerFactory LoggerFactory { get; }

    public WarehouseTarget Target { get; }

    public ImportOptions ImportOptions { get; }

    public IWarehouse Warehouse { get; }

    public ValidationOptions ValidationOptions { get; }

    public ReaderLimits ReaderLimits { get; }

    /// <summary>The shipped catalogue, extended by the indicators file named by <c>Reference:IndicatorsFile</c> if any.</summary>
    public ReferenceCatalog Catalog { get; }

    public TimeProvider Clock { get; }

    /// <summary>
    /// Builds the services for a verb: <paramref name="db"/> (<c>--db</c>) wins over configuration;
    /// <paramref name="clock"/> is the system clock unless a test gives its own; <paramref name="readOnly"/> for the verbs that only read.
    /// </summary>
    public static AppServices Create(IConfiguration configuration, ILoggerFactory loggerFactory, string? db, TimeProvider? clock = null, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var target = db is not null
            ? WarehouseTarget.Parse(db)
            : WarehouseTarget.Create(configuration["Warehouse:Provider"] ?? "sqlite", configuration.GetConnectionString("Warehouse") ?? "data/warehouse.db");
        return new AppServices(configuration, loggerFactory, target, clock ?? TimeProvider.System, readOnly);
    }

    /// <summary>Creates or upgrades the schema and seeds reference data (not for a SQLite warehouse opened read-only: it is read as it is).</summary>
    public Task EnsureWarehouseAsync(CancellationToken cancellationToken) =>
        ReadOnly && Target.Provider == "sqlite" ? Task.CompletedTask : Warehouse.EnsureReadyAsync(Catalog, cancellationToken);

    public SubmissionImporter CreateImporter() => new(
        new SubmissionWorkbookReader(ReaderLimits),
        new SubmissionValidator(Catalog, Clock),
        Warehouse,
        ImportOptions,
        Clock,
        LoggerFactory.CreateLogger<SubmissionImporter>(),
        ValidationOptions,
        new FeedbackWorkbookWriter())
    {
        Bulletins = CreateBulletinImporter(),
    };

    /// <summary>The <c>Validation</c> section (warning policy, outlier thresholds).</summary>
    public static ValidationOptions ReadValidationOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ValidationOptions();
        configuration.GetSection(ValidationOptions.SectionName).Bind(options);
        return options;
    }

    /// <summary>The <c>Reader</c> section (zip, row, column and cell limits).</summary>
    public static ReaderLimits ReadReaderLimits(IConfiguration configuration) =>
        configuration.GetSection(ReaderLimits.SectionName).Get<ReaderLimits>() ?? new ReaderLimits();

    /// <summary>The catalogue: the shipped one, plus a province's own indicators file when configured.</summary>
    public static ReferenceCatalog ReadCatalog(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var file = configuration[IndicatorCatalogFile.ConfigurationKey];
        if (string.IsNullOrWhiteSpace(file))
        {
            return ReferenceCatalog.Default;
        }

        try
        {
            return ReferenceCatalog.Default.WithIndicatorsFile(Path.GetFullPath(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new UsageException($"Configuration {IndicatorCatalogFile.ConfigurationKey} ({file}): {ex.Message}", ex);
        }
    }

    /// <summary>Imports province bulletin tables found among the files given to <c>import</c>.</summary>
    public BulletinImporter CreateBulletinImporter() => new(
        new BulletinWorkbookReader(Catalog),
        Target.Provider switch
        {
            "sqlite" => SqliteWarehouse.CreateBulletinStore(SqlitePath(Target.Connection), Clock, _sqlite),
            "postgres" => ((PostgreSqlWarehouse)Warehouse).CreateBulletinStore(Clock),
            "sqlserver" => ((SqlServerWarehouse)Warehouse).CreateBulletinStore(Clock),
            _ => throw new UsageException($"The {Target.Provider} warehouse is not available in this build."),
        },
        Warehouse,
        LoggerFactory.CreateLogger<BulletinImporter>());

    public RankingService CreateRankingService() => new(Warehouse, Catalog, IndexOptions);

    /// <summary>The composite index's weights and missing-value threshold (section <c>Index</c>).</summary>
    public CompositeIndexOptions IndexOptions => Configuration.GetSection(CompositeIndexOptions.SectionName).Get<CompositeIndexOptions>() ?? new CompositeIndexOptions();

    /// <summary>The store of materialised ranking facts.</summary>
    public IRankingStore CreateRankingStore() => Target.Provider switch
    {
        "sqlite" => SqliteWarehouse.CreateRankingStore(SqlitePath(Target.Connection), Clock, _sqlite),
        "postgres" => ((PostgreSqlWarehouse)Warehouse).CreateRankingStore(Clock),
        "sqlserver" => ((SqlServerWarehouse)Warehouse).CreateRankingStore(Clock),
        _ => throw new UsageException($"The {Target.Provider} warehouse is not available in this build."),
    };

    /// <summary>The operations store (run lock, inbox ledger) of this warehouse.</summary>
    public Data.OperationsStore CreateOperationsStore() => Target.Provider switch
    {
        "sqlite" => SqliteWarehouse.CreateOperationsStore(SqlitePath(Target.Connection), Clock, _sqlite),
        "postgres" => ((PostgreSqlWarehouse)Warehouse).CreateOperationsStore(Clock),
        "sqlserver" => ((SqlServerWarehouse)Warehouse).CreateOperationsStore(Clock),
        _ => throw new UsageException($"The {Target.Provider} warehouse is not available in this build."),
    };

    /// <summary>The SQLite warehouse's file, for stores that live beside it.</summary>
    public string? SqliteFile => Target.Provider == "sqlite" ? SqlitePath(Target.Connection) : null;

    // Accepts a bare path or an ADO.NET style "Data Source=PATH".
    private static string SqlitePath(string connection)
    {
        const string key = "Data Source=";
        var c = connection.Trim();
        return c.StartsWith(key, StringComparison.OrdinalIgnoreCase) ? c[key.Length..].TrimEnd(';').Trim() : c;
    }
}
