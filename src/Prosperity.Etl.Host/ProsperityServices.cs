using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Host;

/// <summary>
/// The composition root of the verbs and the server: configuration sections bound once, the
/// warehouse engine named by <c>Warehouse:Provider</c> (or <c>--db</c>) registered by
/// <see cref="WarehouseEngines"/>, and the importer, the ranking and the import use case over it.
/// </summary>
public static class ProsperityServices
{
    /// <summary>
    /// Adds the application's services. <paramref name="db"/> (<c>--db</c>) wins over configuration;
    /// <paramref name="clock"/> is the system clock unless a test gives its own. Logging is the host's.
    /// </summary>
    public static IServiceCollection AddProsperity(this IServiceCollection services, IConfiguration configuration, string? db, TimeProvider? clock = null,
        Func<bool>? readOnly = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var target = WarehouseTarget.From(configuration, db);
        services.TryAddSingleton(configuration);
        services.AddSingleton(clock ?? TimeProvider.System);
        // Read on first use: an unknown zone is then the verb's usage error.
        services.AddSingleton(_ => OfficeTime.From(configuration));
        services.AddSingleton(configuration.GetSection(ImportOptions.SectionName).Get<ImportOptions>() ?? new ImportOptions());
        services.AddSingleton(ReadValidationOptions(configuration));
        services.AddSingleton(ReadReaderLimits(configuration));
        services.AddSingleton(ReadReviewOptions(configuration));
        services.AddSingleton(configuration.GetSection(Review.OfficeOptions.SectionName).Get<Review.OfficeOptions>() ?? new Review.OfficeOptions());
        services.AddSingleton(configuration.GetSection(CompositeIndexOptions.SectionName).Get<CompositeIndexOptions>() ?? new CompositeIndexOptions());
        // Read on first use: a value too long for the form's corner is then the verb's usage error.
        services.AddSingleton(_ => ReadFormOptions(configuration));
        // Read on first use: a missing indicators file is then the verb's usage error.
        services.AddSingleton(_ => ReadCatalog(configuration));
        services.AddSingleton(sp => new IntakePolicy(sp.GetRequiredService<ImportOptions>().FilePatterns));

        services.AddSingleton(new Data.WarehouseAccess(readOnly ?? (() => false), configuration.GetValue("Warehouse:BusyTimeoutSeconds", 60)));
        services.AddProsperityWarehouse(target);

        // One reader decides in one pass whether a file is a return or a province bulletin table.
        services.AddSingleton<ISubmissionReader>(sp => new Excel.Reading.WorkbookReader(sp.GetRequiredService<ReaderLimits>(), sp.GetRequiredService<ReferenceCatalog>()));
        services.AddSingleton(sp => new SubmissionValidator(sp.GetRequiredService<ReferenceCatalog>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IFeedbackWriter, FeedbackWorkbookWriter>();
        services.AddSingleton<IBulletinReader>(sp => new BulletinWorkbookReader(sp.GetRequiredService<ReferenceCatalog>()));
        services.AddSingleton(sp => new BulletinImporter(sp.GetRequiredService<IBulletinReader>(), sp.GetRequiredService<IBulletinStore>(),
            sp.GetRequiredService<IWarehouse>(), sp.GetRequiredService<ILogger<BulletinImporter>>()));
        services.AddTransient(sp => new SubmissionImporter(
            sp.GetRequiredService<ISubmissionReader>(),
            sp.GetRequiredService<SubmissionValidator>(),
            sp.GetRequiredService<IWarehouse>(),
            sp.GetRequiredService<ImportOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SubmissionImporter>>(),
            sp.GetRequiredService<ValidationOptions>(),
            sp.GetRequiredService<IFeedbackWriter>())
        {
            Bulletins = sp.GetRequiredService<BulletinImporter>(),
            Review = sp.GetRequiredService<Review.ReviewOptions>(),
            FirstSeen = (file, ct) => sp.GetRequiredService<Operations.IOperationsStore>().FirstSeenAsync(file.Sha256, ct),
        });
        services.AddSingleton<Func<SubmissionImporter>>(sp => () => sp.GetRequiredService<SubmissionImporter>());
        services.AddSingleton(sp => new RankingService(sp.GetRequiredService<IWarehouse>(), sp.GetRequiredService<ReferenceCatalog>(),
            sp.GetRequiredService<CompositeIndexOptions>()));
        services.AddSingleton<RankingMaterialiser>();
        services.AddSingleton<ImportAndRefresh>();
        services.AddSingleton(sp => new Review.ReviewService(sp.GetRequiredService<Review.IReviewStore>(), sp.GetRequiredService<ImportAndRefresh>(),
            sp.GetRequiredService<IWarehouse>(), sp.GetRequiredService<ILogger<Review.ReviewService>>(), sp.GetRequiredService<IFeedbackWriter>()));
        return services;
    }

    /// <summary>Creates or upgrades the schema and seeds reference data (not an embedded warehouse opened read-only: it is read as it is).</summary>
    public static Task EnsureWarehouseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.GetService<Data.EngineTraits>() is { Embedded: true } && services.GetService<Data.WarehouseAccess>()?.ReadOnly() == true)
        {
            return Task.CompletedTask;
        }

        return services.GetRequiredService<IWarehouse>().EnsureReadyAsync(services.GetRequiredService<ReferenceCatalog>(), cancellationToken);
    }

    /// <summary>The <c>Review</c> section (review required, due dates), checked: a due date that is no date is a usage error.</summary>
    public static Review.ReviewOptions ReadReviewOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new Review.ReviewOptions();
        configuration.GetSection(Review.ReviewOptions.SectionName).Bind(options);
        foreach (var code in options.DueDates.Keys)
        {
            if (!Domain.Period.TryParse(code, out var period))
            {
                throw new UsageException($"Configuration Review:DueDates:{code}: '{code}' is not a period such as 2025Q3.");
            }

            try
            {
                _ = options.DueOn(period);
            }
            catch (FormatException ex)
            {
                throw new UsageException($"Configuration {ex.Message}", ex);
            }
        }

        return options;
    }

    /// <summary>The <c>Validation</c> section (warning policy, outlier thresholds).</summary>
    public static ValidationOptions ReadValidationOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new ValidationOptions();
        configuration.GetSection(ValidationOptions.SectionName).Bind(options);
        return options;
    }

    /// <summary>The <c>Form</c> section (表号, 制定机关, 批准文号, 有效期至 on the template's cover), checked.</summary>
    public static FormOptions ReadFormOptions(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new FormOptions();
        configuration.GetSection(FormOptions.SectionName).Bind(options);
        return options.Problem() is { } problem ? throw new UsageException(problem) : options;
    }

    /// <summary>The <c>Reader</c> section (zip, row, column and cell limits).</summary>
    public static ReaderLimits ReadReaderLimits(IConfiguration configuration) =>
        configuration.GetSection(ReaderLimits.SectionName).Get<ReaderLimits>() ?? new ReaderLimits();

    /// <summary>The catalogue: the shipped one, plus a regions file (other provinces) and a province's own indicators file when configured.</summary>
    public static ReferenceCatalog ReadCatalog(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var catalog = ReferenceCatalog.Default;
        foreach (var (key, extend) in new (string Key, Func<ReferenceCatalog, string, ReferenceCatalog> Extend)[]
        {
            (RegionCatalogFile.ConfigurationKey, (c, path) => c.WithRegionsFile(path)),
            (IndicatorCatalogFile.ConfigurationKey, (c, path) => c.WithIndicatorsFile(path)),
        })
        {
            var file = configuration[key];
            if (string.IsNullOrWhiteSpace(file))
            {
                continue;
            }

            try
            {
                catalog = extend(catalog, Path.GetFullPath(file));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new UsageException($"Configuration {key} ({file}): {ex.Message}", ex);
            }
        }

        return catalog;
    }
}
