using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Host;
using Prosperity.Etl.Host.Cli;
using Prosperity.Etl.Import;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Benchmarks;

/// <summary>
/// A whole province quarter imported and ranked: once through the <c>prosperity</c> command line
/// (the figure), once through the same components with a stopwatch on each stage (the profile).
/// </summary>
internal static class EndToEnd
{
    internal sealed record CliRun(double Seconds, double ImportSeconds, double RankSeconds, string ImportSummary, string RankSummary);

    /// <summary><c>prosperity import FOLDER</c> then <c>prosperity rank --period P --refresh --level province-county</c>, in this process.</summary>
    public static async Task<CliRun> ViaCliAsync(string folder, string db, Period period)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var clock = Stopwatch.StartNew();
        var imported = await new ProsperityCli(output, error).RunAsync(["import", folder, "--db", db]);
        var import = clock.Elapsed.TotalSeconds;
        if (imported != 0)
        {
            throw new InvalidOperationException($"import exited {imported}: {Tail(output)} {error}");
        }

        var importSummary = Tail(output);
        output.GetStringBuilder().Clear();
        clock.Restart();
        var ranked = await new ProsperityCli(output, error).RunAsync(["rank", "--period", period.Code, "--refresh", "--level", "province-county", "--format", "csv", "--db", db]);
        var rank = clock.Elapsed.TotalSeconds;
        if (ranked != 0)
        {
            throw new InvalidOperationException($"rank exited {ranked}: {error}");
        }

        return new CliRun(import + rank, import, rank, importSummary, error.ToString().Trim());
    }

    /// <summary>The same work with each stage timed; stage name to seconds.</summary>
    public static async Task<Dictionary<string, double>> ProfileAsync(IReadOnlyList<string> files, string db, Period period, IConfiguration configuration)
    {
        var timings = new StageTimings();
        await using var services = BenchServices.Build(configuration, db);
        var catalog = services.GetRequiredService<Reference.ReferenceCatalog>();
        var clock = TimeProvider.System;
        var warehouse = new TimedWarehouse(services.GetRequiredService<IWarehouse>(), timings);
        var importer = new SubmissionImporter(
            new TimedReader(new SubmissionWorkbookReader(services.GetRequiredService<ReaderLimits>()), timings),
            new SubmissionValidator(catalog, clock),
            warehouse,
            services.GetRequiredService<ImportOptions>(),
            clock,
            NullLogger<SubmissionImporter>.Instance,
            services.GetRequiredService<ValidationOptions>(),
            new FeedbackWorkbookWriter());

        var total = Stopwatch.StartNew();
        await warehouse.EnsureReadyAsync(catalog);
        var watch = Stopwatch.StartNew();
        foreach (var file in files)
        {
            var outcome = await importer.ImportAsync(file);
            if (!outcome.IsSuccess)
            {
                throw new InvalidOperationException(outcome.Summary());
            }
        }

        var importing = watch.Elapsed;

        // Hashing is inside ImportAsync; timed on its own over the same files (the page cache is warm for both).
        watch.Restart();
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            _ = await SHA256.HashDataAsync(stream);
        }

        var hashing = watch.Elapsed;

        var ranking = new RankingService(warehouse, catalog, services.GetRequiredService<CompositeIndexOptions>());
        var (_, rows) = await timings.TimeAsync("rank_refresh_all_levels", () => new RankingMaterialiser(ranking, services.GetRequiredService<IRankingStore>()).RefreshAsync(period));
        var tables = await timings.TimeAsync("rank_province_county_tables", () => ranking.RankAsync(period, PeerLevel.ProvinceCounty, null));
        var spent = timings.Spent.ToDictionary(kv => kv.Key, kv => kv.Value.TotalSeconds);
        var accounted = TimedImportStages.Sum(k => spent.GetValueOrDefault(k));
        spent["hash_sha256"] = hashing.TotalSeconds;
        spent["validate_and_other"] = Math.Max(0, importing.TotalSeconds - accounted - hashing.TotalSeconds);
        spent["import_total"] = importing.TotalSeconds;
        spent["ranking_facts_written"] = rows;
        spent["ranking_tables_printed"] = tables.Count;
        spent["total"] = total.Elapsed.TotalSeconds;
        return spent;
    }

    private static readonly string[] TimedImportStages = ["read", "find_loaded_by_hash", "load_transaction", "history_for_outlier_rules"];

    private static string Tail(StringWriter output) => output.ToString().TrimEnd().Split('\n')[^1].Trim();
}
