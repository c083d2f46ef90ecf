using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Host;
using Prosperity.Etl.Operations;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Samples;

namespace Prosperity.Etl.Benchmarks;

/// <summary>
/// The province-scale run: generates one quarter for the whole province (90 county-level units and
/// 11 cities, about 300 indicators each), then measures side by side in one run reading (product vs
/// SAX), loading (product vs raw bulk insert), the quarter imported and ranked through the CLI on
/// SQLite and PostgreSQL, the nightly no-op over 1,000 archived files and the peak memory of
/// importing a ~20 MB return. Prints a table and writes bench-results.json.
/// </summary>
public sealed class ProvinceBenchmark : IBenchmark
{
    public string Name => "province";

    public string Description => "province quarter: reading, loading, end to end, nightly no-op, peak memory; writes bench-results.json";

    public async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var o = ProvinceOptions.Parse(args);
        var results = new BenchResults();
        results.Set("generated_at", DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture));
        results.Set("machine", MachineInfo.Describe());
        results.Set("command", "dotnet run -c Release --project bench/Prosperity.Etl.Benchmarks -- province " + string.Join(' ', Redacted(args)));
        var work = o.Work ?? Path.Combine(Path.GetTempPath(), "prosperity-province-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var indicatorsVariable = "PROSPERITY_Reference__IndicatorsFile";
        var previousIndicators = Environment.GetEnvironmentVariable(indicatorsVariable);
        try
        {
            var period = o.Period;
            var clock = Stopwatch.StartNew();
            var sample = ProvinceSubmissions.Write(ReferenceCatalog.Default, o.Seed, period, Path.Combine(work, "province"), o.Counties, o.ExtraIndicators);
            var generateSeconds = clock.Elapsed.TotalSeconds;
            Environment.SetEnvironmentVariable(indicatorsVariable, sample.IndicatorsFile);
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                [IndicatorCatalogFile.ConfigurationKey] = sample.IndicatorsFile,
            }).Build();
            var bytes = sample.Workbooks.Sum(f => new FileInfo(f).Length);
            results.Set("scale", new Dictionary<string, object?>
            {
                ["period"] = period.Code,
                ["seed"] = o.Seed,
                ["workbooks"] = sample.Workbooks.Count,
                ["county_level_units"] = sample.Workbooks.Count(f => sample.Catalog.FindRegion(Path.GetFileName(f).Split('_')[0], period)?.Level == RegionLevel.County),
                ["indicators"] = sample.Catalog.Indicators.Count,
                ["facts"] = sample.Workbooks.Count * sample.Catalog.Indicators.Count,
                ["workbook_bytes"] = bytes,
                ["generate_seconds"] = Round(generateSeconds),
                ["town_level_sheet"] = "not generated: the submission format has no town-level sheet",
            });
            await output.WriteLineAsync($"Generated {sample.Workbooks.Count} returns x {sample.Catalog.Indicators.Count} indicators ({bytes / 1024.0 / 1024:0.0} MB) in {generateSeconds:0.0} s; repeats: {o.Repeat}");

            if (o.Runs("reading"))
            {
                await ReadingAsync(output, results, sample, o);
            }

            if (o.Runs("loading"))
            {
                await LoadingAsync(output, results, sample, o);
            }

            if (o.Runs("end-to-end"))
            {
                await EndToEndAsync(output, results, sample, o, work, configuration);
            }

            if (o.Runs("noop"))
            {
                await NoopAsync(output, results, sample, o, work, configuration);
            }

            if (o.Runs("peak"))
            {
                await PeakMemoryAsync(output, results, sample, o, work);
            }

            results.Machine["load_average_at_end"] = MachineInfo.LoadAverage();
            results.AddTargets();
            await output.WriteLineAsync();
            await results.WriteTargetsAsync(output);
            await results.WriteAsync(o.Out);
            await output.WriteLineAsync($"Wrote {Path.GetFullPath(o.Out)}");
            return 0;
        }
        finally
        {
            Environment.SetEnvironmentVariable(indicatorsVariable, previousIndicators);
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (o.Work is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task ReadingAsync(TextWriter output, BenchResults results, ProvinceSample sample, ProvinceOptions o)
    {
        var limits = new ReaderLimits();
        var r = ReadingComparison.Measure(sample.Workbooks, o.Repeat, limits);
        results.Set("parse_ratio_vs_sax", Round(r.Ratio));
        results.Set("product_cells_per_second", Math.Round(r.ProductCellsPerSecond));
        results.Set("sax_cells_per_second", Math.Round(r.SaxCellsPerSecond));
        results.Set("reading", new Dictionary<string, object?>
        {
            ["files"] = sample.Workbooks.Count,
            ["cells"] = r.Cells,
            ["product_seconds"] = Round(r.ProductSeconds),
            ["sax_seconds"] = Round(r.SaxSeconds),
            ["package_guard_seconds"] = Round(r.GuardSeconds),
            ["package_guard_share_of_product"] = Round(r.GuardSeconds / r.ProductSeconds),
            ["closedxml_load_seconds"] = Round(r.OpenSeconds),
            ["closedxml_load_share_of_product"] = Round(r.OpenSeconds / r.ProductSeconds),
            ["ratio_per_repetition"] = r.RatiosPerRepetition.Select(Round).ToList(),
            ["method"] = "file by file, the SAX floor and the product reader (sniff, package guard, ClosedXML load, label search, values) one after the other, order alternating per repetition, then the guard alone and the ClosedXML load alone; each file's best time per reader over the repetitions, summed",
        });
        await output.WriteLineAsync();
        await output.WriteLineAsync($"reading {r.Cells:N0} cells in {sample.Workbooks.Count} files     seconds     cells/s");
        await output.WriteLineAsync($"  product reader             {r.ProductSeconds,8:0.000} {r.ProductCellsPerSecond,11:N0}");
        await output.WriteLineAsync($"    of which package guard   {r.GuardSeconds,8:0.000}   ({r.GuardSeconds / r.ProductSeconds:P0})");
        await output.WriteLineAsync($"    of which ClosedXML load  {r.OpenSeconds,8:0.000}   ({r.OpenSeconds / r.ProductSeconds:P0})");
        await output.WriteLineAsync($"  OpenXml SAX                {r.SaxSeconds,8:0.000} {r.SaxCellsPerSecond,11:N0}");
        await output.WriteLineAsync($"  parse_ratio_vs_sax {r.Ratio:0.00} (per repetition: {string.Join(", ", r.RatiosPerRepetition.Select(x => x.ToString("0.00", CultureInfo.InvariantCulture)))})");
    }

    private static async Task LoadingAsync(TextWriter output, BenchResults results, ProvinceSample sample, ProvinceOptions o)
    {
        await output.WriteLineAsync();
        var submissions = sample.Workbooks.Count * o.LoadQuarters;
        var rates = await LoadBenchmark.MeasureAsync(sample.Catalog, submissions, o.Postgres, output, o.Repeat);
        var loading = new Dictionary<string, object?>
        {
            ["submissions"] = submissions,
            ["indicators"] = sample.Catalog.Indicators.Count,
            ["method"] = "the same facts through DapperWarehouse.LoadAcceptedAsync (one transaction per submission) vs the raw bulk insert straight into the fact table in one batch; 'per_submission' is the raw insert with one transaction per submission; the three take turns, each on a fresh database, best of the repetitions",
        };
        foreach (var e in rates)
        {
            loading[e.Engine] = new Dictionary<string, object?>
            {
                ["product_facts_per_second"] = Math.Round(e.Product),
                ["raw_facts_per_second"] = Math.Round(e.Raw),
                ["raw_per_submission_facts_per_second"] = Math.Round(e.RawPerSubmission),
                ["ratio_vs_raw_per_submission"] = Round(e.RatioPerSubmission),
            };
        }

        results.Set("load_ratio_vs_raw_sqlite", rates.FirstOrDefault(e => e.Engine == "sqlite") is { } s ? Round(s.Ratio) : null);
        results.SetOrNull("load_ratio_vs_raw_postgres", rates.FirstOrDefault(e => e.Engine == "postgres") is { } p ? Round(p.Ratio) : null, PostgresReason(o));
        results.Set("loading", loading);
    }

    private static async Task EndToEndAsync(TextWriter output, BenchResults results, ProvinceSample sample, ProvinceOptions o, string work, IConfiguration configuration)
    {
        await output.WriteLineAsync();
        await output.WriteLineAsync("end to end: prosperity import FOLDER; prosperity rank --period P --refresh --level province-county");
        var details = new Dictionary<string, object?>();
        var folder = Path.GetDirectoryName(sample.Workbooks[0])!;
        var best = double.MaxValue;
        for (var r = 0; r < o.Repeat; r++)
        {
            var db = "sqlite:" + Path.Combine(work, $"e2e-{r}.db");
            var run = await EndToEnd.ViaCliAsync(folder, db, o.Period);
            best = Math.Min(best, run.Seconds);
            details[$"sqlite_run_{r + 1}"] = RunFigures(run);
            await output.WriteLineAsync($"  sqlite   run {r + 1}: {run.Seconds,6:0.00} s (import {run.ImportSeconds:0.00}, rank {run.RankSeconds:0.00}): {run.ImportSummary}");
        }

        results.Set("province_quarter_seconds_sqlite", Round(best));
        var profile = await EndToEnd.ProfileAsync(sample.Workbooks, "sqlite:" + Path.Combine(work, "profile.db"), o.Period, configuration);
        results.Set("profile_sqlite", profile.ToDictionary(kv => kv.Key, kv => (object?)Round(kv.Value)));
        await WriteProfileAsync(output, "sqlite", profile);

        if (string.IsNullOrEmpty(o.Postgres))
        {
            results.SetOrNull("province_quarter_seconds_postgres", null, PostgresReason(o));
        }
        else
        {
            var bestPg = double.MaxValue;
            for (var r = 0; r <= o.Repeat; r++)
            {
                var profiling = r == o.Repeat;
                await using var database = await PostgresDatabase.CreateAsync(o.Postgres, "bench_province");
                if (profiling)
                {
                    var pgProfile = await EndToEnd.ProfileAsync(sample.Workbooks, "postgres:" + database.ConnectionString, o.Period, configuration);
                    results.Set("profile_postgres", pgProfile.ToDictionary(kv => kv.Key, kv => (object?)Round(kv.Value)));
                    await WriteProfileAsync(output, "postgres", pgProfile);
                    continue;
                }

                var run = await EndToEnd.ViaCliAsync(folder, "postgres:" + database.ConnectionString, o.Period);
                bestPg = Math.Min(bestPg, run.Seconds);
                details[$"postgres_run_{r + 1}"] = RunFigures(run);
                await output.WriteLineAsync($"  postgres run {r + 1}: {run.Seconds,6:0.00} s (import {run.ImportSeconds:0.00}, rank {run.RankSeconds:0.00}): {run.ImportSummary}");
            }

            results.Set("province_quarter_seconds_postgres", Round(bestPg));
        }

        details["method"] = "in-process ProsperityCli.RunAsync of 'import FOLDER' then 'rank --period P --refresh --level province-county --format csv' on an empty warehouse (migrations and seeding included); best of the runs";
        results.Set("end_to_end", details);
    }

    private static Dictionary<string, object?> RunFigures(EndToEnd.CliRun run) => new()
    {
        ["seconds"] = Round(run.Seconds),
        ["import_seconds"] = Round(run.ImportSeconds),
        ["rank_seconds"] = Round(run.RankSeconds),
        ["import_summary"] = run.ImportSummary,
        ["rank_summary"] = run.RankSummary,
    };

    private static async Task WriteProfileAsync(TextWriter output, string engine, Dictionary<string, double> profile)
    {
        await output.WriteLineAsync($"  profile ({engine}), seconds per stage over the quarter:");
        foreach (var (stage, seconds) in profile.Where(kv => !kv.Key.StartsWith("ranking_", StringComparison.Ordinal)).OrderByDescending(kv => kv.Value))
        {
            await output.WriteLineAsync($"    {stage,-30} {seconds,8:0.000}");
        }
    }

    private static async Task NoopAsync(TextWriter output, BenchResults results, ProvinceSample sample, ProvinceOptions o, string work, IConfiguration configuration)
    {
        await output.WriteLineAsync();
        var inbox = Path.Combine(work, "archive");
        var db = "sqlite:" + Path.Combine(work, "archive.db");
        var clock = Stopwatch.StartNew();
        var files = await NoopArchive.BuildAsync(sample.Workbooks, o.NoopFiles, o.Period, inbox, db, configuration);
        await output.WriteLineAsync($"nightly no-op: {files} archived files recorded as loaded in {clock.Elapsed.TotalSeconds:0.0} s");
        var best = double.MaxValue;
        var runs = new List<double>();
        string summary = string.Empty;
        for (var r = 0; r < o.Repeat; r++)
        {
            var writer = new StringWriter();
            clock.Restart();
            var code = await new Host.Cli.ProsperityCli(writer, writer).RunAsync(["import", inbox, "--db", db]);
            var seconds = clock.Elapsed.TotalSeconds;
            summary = writer.ToString().TrimEnd().Split('\n')[^1].Trim();
            if (code != 0 || !summary.Contains($"{files} already loaded", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The no-op import did not skip every file (exit {code}): {summary}");
            }

            runs.Add(seconds);
            best = Math.Min(best, seconds);
        }

        // The nightly job itself: the 1,000 files are in the archive, the inbox is empty.
        var job = await NightlyJobNoopAsync(inbox, Path.Combine(work, "inbox-empty"), db, configuration, o.Repeat);
        var child = await ChildProcess.RunCliAsync(["import", inbox, "--db", db], new Dictionary<string, string> { ["PROSPERITY_Reference__IndicatorsFile"] = sample.IndicatorsFile });
        results.Set("nightly_noop_seconds", Math.Round(job.Min(), 5));
        results.Set("nightly_noop", new Dictionary<string, object?>
        {
            ["files"] = files,
            ["method"] = "the nightly-import Hangfire job's own code (InboxJobs.NightlyImportAsync, as the server runs it, from the product's service registration) over an empty inbox with the 1,000 files in the archive folder and recorded as loaded: run lock, inbox scan, run ledger, finishing step (no period to recompute), lock release; best of the runs",
            ["runs_seconds"] = job.Select(x => Math.Round(x, 5)).ToList(),
            ["runs_note"] = "the first run includes the JIT of the job's code",
            ["import_noop_seconds"] = Round(best),
            ["import_noop_runs_seconds"] = runs.Select(Round).ToList(),
            ["import_noop_note"] = "'prosperity import FOLDER' over the same 1,000 archived files, all already loaded (SHA-256 of each file and one lookup by hash, all skipped), in-process",
            ["summary"] = summary,
            ["cli_child_process_seconds"] = Round(child.Seconds),
            ["cli_child_process_note"] = "that import as a fresh process (runtime start and JIT included)",
        });
        await output.WriteLineAsync($"  nightly job over an empty inbox: {job.Min() * 1000:0.0} ms best ({string.Join(", ", job.Select(x => (x * 1000).ToString("0.0", CultureInfo.InvariantCulture)))} ms)");
        await output.WriteLineAsync($"  in-process import of the 1,000 archived files: {best:0.000} s best ({string.Join(", ", runs.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))}); as a fresh process {child.Seconds:0.00} s: {summary}");
    }

    /// <summary>Runs the nightly job's code over an empty inbox, <paramref name="repeat"/> times; returns the seconds of each run.</summary>
    private static async Task<List<double>> NightlyJobNoopAsync(string archive, string inbox, string db, IConfiguration configuration, int repeat)
    {
        Directory.CreateDirectory(inbox);
        var settings = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inbox:Path"] = inbox,
            ["Inbox:ArchivePath"] = archive,
            ["Inbox:RejectedPath"] = Path.Combine(Path.GetDirectoryName(inbox)!, "rejected"),
        }).Build();
        var collection = new ServiceCollection().AddLogging();
        collection.AddProsperity(settings, db);
        collection.AddInboxJobs(settings);
        collection.AddSingleton<Hangfire.IBackgroundJobClient>(sp => new Hangfire.BackgroundJobClient(sp.GetRequiredService<Hangfire.JobStorage>()));
        await using var provider = collection.BuildServiceProvider();
        var seconds = new List<double>();
        for (var r = 0; r < Math.Max(1, repeat); r++)
        {
            var clock = Stopwatch.StartNew();
            var result = await provider.GetRequiredService<Operations.InboxJobs>().NightlyImportAsync("benchmark", null, CancellationToken.None);
            seconds.Add(clock.Elapsed.TotalSeconds);
            if (!result.EndsWith("the inbox is empty.", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The nightly no-op did something: {result}");
            }
        }

        return seconds;
    }

    private static async Task PeakMemoryAsync(TextWriter output, BenchResults results, ProvinceSample sample, ProvinceOptions o, string work)
    {
        await output.WriteLineAsync();
        if (o.LargeMegabytes <= 0)
        {
            results.SetOrNull("peak_memory_mb", null, "skipped: --large-mb 0");
            return;
        }

        var request = ProvinceSubmissions.Build(sample.Catalog, o.Seed, o.Period, 1)[0];
        var large = Path.Combine(work, "large", DemoSubmissions.FileName(request.Region, o.Period));
        Directory.CreateDirectory(Path.GetDirectoryName(large)!);
        var clock = Stopwatch.StartNew();
        var annexRows = LargeReturn.Write(request, large, (long)(o.LargeMegabytes * 1024 * 1024), o.Seed);
        var size = new FileInfo(large).Length;
        await output.WriteLineAsync($"largest file: {size / 1024.0 / 1024:0.0} MB ({annexRows:N0} annex rows) written in {clock.Elapsed.TotalSeconds:0.0} s");

        var environment = new Dictionary<string, string> { ["PROSPERITY_Reference__IndicatorsFile"] = sample.IndicatorsFile };
        var baseline = await ChildProcess.RunCliAsync(["import", sample.Workbooks[0], "--db", "sqlite:" + Path.Combine(work, "peak-baseline.db")], environment);
        var child = await ChildProcess.RunCliAsync(["import", large, "--db", "sqlite:" + Path.Combine(work, "peak.db")], environment);
        var outcome = child.Output.Trim().Split('\n')[0].Trim();
        results.SetOrNull("peak_memory_mb", child.PeakMegabytes is { } mb ? Math.Round(mb, 1) : null, "VmHWM not available (not Linux)");

        clock.Restart();
        var saxCells = SaxWorkbookReader.Read(large);
        var sax = clock.Elapsed.TotalSeconds;
        results.Set("peak_memory", new Dictionary<string, object?>
        {
            ["file_bytes"] = size,
            ["annex_rows"] = annexRows,
            ["cells"] = saxCells,
            ["exit_code"] = child.ExitCode,
            ["outcome"] = outcome,
            ["import_seconds_child_process"] = Round(child.Seconds),
            ["sax_read_seconds"] = Round(sax),
            ["baseline_mb_importing_one_normal_return"] = baseline.PeakMegabytes is { } b ? Math.Round(b, 1) : null,
            ["method"] = "peak resident set (VmHWM from /proc/self/status) of a child process running 'prosperity import FILE' on a fresh SQLite warehouse",
        });
        await output.WriteLineAsync($"  peak memory importing it: {child.PeakMegabytes:0} MB in {child.Seconds:0.0} s (one normal return: {baseline.PeakMegabytes:0} MB); exit {child.ExitCode}: {outcome}");
    }

    private static string PostgresReason(ProvinceOptions o) =>
        string.IsNullOrEmpty(o.Postgres) ? "PostgreSQL not available: give --postgres CONNECTION or set PROSPERITY_TEST_POSTGRES" : string.Empty;

    // A connection string may hold a password: it is not written to the results.
    private static IEnumerable<string> Redacted(string[] args) => args.Select((a, i) => i > 0 && args[i - 1] == "--postgres" ? "CONNECTION" : a);

    private static double Round(double d) => Math.Round(d, 3);
}
