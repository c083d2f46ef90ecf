using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Samples;

namespace Prosperity.Etl.Benchmarks;

/// <summary>
/// What a user waits for: fresh processes of the real CLI (<c>prosperity import DIR</c>, then
/// <c>prosperity rank --period P --refresh --level province-county</c>) on a fresh SQLite
/// warehouse, beside the raw floor (<see cref="RawFloorBenchmark"/>, a process of its own) and a
/// pandas + openpyxl script doing the same read, load and rank (bench/pandas/import_and_rank.py), at
/// a province quarter and at a province with years of history already loaded. Its keys are merged
/// into bench-results.json (the province harness's keys are kept).
/// </summary>
public sealed class EndToEndCliBenchmark : IBenchmark
{
    private const string IndicatorsVariable = "PROSPERITY_Reference__IndicatorsFile";

    /// <summary>The import is measured as a user runs it to a ranked quarter: a validated return counts without waiting for a reviewer's approval.</summary>
    private const string ReviewVariable = "PROSPERITY_Review__Required";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Name => "e2e";

    public string Description => "fresh CLI processes end to end vs the raw floor and a pandas script, a quarter and with history; merges into bench-results.json";

    public async Task<int> RunAsync(string[] args, TextWriter output)
    {
        string? Get(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        int Int(string name, int fallback) => Get(name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;
        var seed = Int("--seed", 1);
        var period = Period.TryParse(Get("--period") ?? "2025Q3", out var p) ? p : throw new ArgumentException("--period: write it like 2025Q3");
        int? counties = Get("--counties") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : null;
        var extra = Int("--indicators", 300) - ReferenceCatalog.Default.Indicators.Count;
        var repeat = Math.Max(1, Int("--repeat", 1));
        var historyYears = Int("--history-years", 10);
        var sizes = (Get("--sizes") ?? "quarter,history,national").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
        var outPath = Get("--out") ?? "bench-results.json";
        var python = Get("--python") ?? "/usr/bin/python3";
        var cli = Get("--cli") ?? FindCli();
        var work = Get("--work") ?? Path.Combine(Path.GetTempPath(), "prosperity-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);

        var figures = new Dictionary<string, object?>(StringComparer.Ordinal);
        var nulls = new Dictionary<string, string>(StringComparer.Ordinal);
        var detail = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["command"] = "dotnet run -c Release --project bench/Prosperity.Etl.Benchmarks -- e2e " + string.Join(' ', args),
            ["cli"] = cli,
            ["load_average_at_start"] = MachineInfo.LoadAverage(),
            ["method"] = "every figure is the wall time of fresh processes started by this harness (runtime start, JIT, configuration, migrations and seeding included), best of --repeat runs; the product is 'prosperity import DIR' plus 'prosperity rank --period P --refresh --level province-county' on a fresh SQLite file",
        };
        try
        {
            var quarterDir = Path.Combine(work, "quarter");
            var sample = ProvinceSubmissions.Write(ReferenceCatalog.Default, seed, period, quarterDir, counties, extra);
            var environment = new Dictionary<string, string> { [IndicatorsVariable] = sample.IndicatorsFile, [ReviewVariable] = "false" };
            await output.WriteLineAsync($"Generated {sample.Workbooks.Count} returns x {sample.Catalog.Indicators.Count} indicators for {period.Code}; CLI {cli}");
            double? emptyImport = null;

            if (sizes.Contains("quarter") || sizes.Contains("history"))
            {
                var (indicatorsTsv, regionsTsv) = WriteScriptInputs(work, sample.Catalog, period);
                double product = double.MaxValue, import = double.MaxValue, raw = double.MaxValue, pandas = double.MaxValue;
                string? pandasSkip = PandasSkipReason(python);
                // The floor runs with the runtime setting the CLI ships with (TieredPGO off, see the Host project).
                var rawEnvironment = new Dictionary<string, string>(environment) { ["DOTNET_TieredPGO"] = "0" };
                for (var r = 0; r < repeat; r++)
                {
                    var db = Path.Combine(work, $"product{r}.db");
                    var i = await RunAsync("dotnet", [cli, "import", quarterDir, "--db", "sqlite:" + db], environment, work);
                    var k = await RunAsync("dotnet", [cli, "rank", "--period", period.Code, "--refresh", "--level", "province-county", "--db", "sqlite:" + db], environment, work);
                    import = Math.Min(import, i.Seconds);
                    product = Math.Min(product, i.Seconds + k.Seconds);
                    raw = Math.Min(raw, (await RunAsync("dotnet", [HarnessPath(), "raw-floor", quarterDir, Path.Combine(work, $"raw{r}.db")], rawEnvironment, work)).Seconds);
                    if (pandasSkip is null)
                    {
                        var script = PandasScript();
                        pandas = Math.Min(pandas, (await RunAsync(python, [script, quarterDir, Path.Combine(work, $"pandas{r}.db"), indicatorsTsv, regionsTsv, period.Code], environment, work)).Seconds);
                    }
                }

                emptyImport = import;
                detail["quarter"] = new Dictionary<string, object?>
                {
                    ["workbooks"] = sample.Workbooks.Count,
                    ["indicators"] = sample.Catalog.Indicators.Count,
                    ["product_seconds"] = Round(product),
                    ["product_import_seconds"] = Round(import),
                    ["product_rank_refresh_seconds"] = Round(product - import),
                    ["raw_floor_seconds"] = Round(raw),
                    ["pandas_seconds"] = pandasSkip is null ? Round(pandas) : null,
                };
                figures["e2e_ratio_vs_raw"] = Round(raw / product);
                figures["e2e_ratio_vs_pandas"] = pandasSkip is null ? Round(pandas / product) : null;
                if (pandasSkip is not null)
                {
                    nulls["e2e_ratio_vs_pandas"] = pandasSkip;
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"quarter: product {product:0.00} s (import {import:0.00}), raw floor {raw:0.00} s, pandas {(pandasSkip is null ? pandas.ToString("0.00", CultureInfo.InvariantCulture) + " s" : "skipped: " + pandasSkip)}"));
            }

            if (sizes.Contains("history"))
            {
                await HistoryAsync(output, work, cli, seed, period, counties, extra, historyYears, repeat, environment, emptyImport!.Value, quarterDir, figures, detail);
            }

            if (sizes.Contains("national"))
            {
                // At a tiny --counties the national run takes that many units of the national catalogue (a smoke test).
                var units = Int("--national-units", NationalRegions.DefaultCountyUnits);
                await NationalAsync(output, work, cli, seed, period, counties, extra, units, Get("--postgres"), environment, figures, nulls, detail);
            }
            else
            {
                foreach (var key in new[] { "national_quarter_seconds_sqlite", "national_quarter_seconds_postgres", "national_peak_memory_mb" })
                {
                    figures[key] = null;
                    nulls[key] = "not run: --sizes did not include national";
                }
            }

            detail["load_average_at_end"] = MachineInfo.LoadAverage();
            figures["e2e"] = detail;
            await MergeAsync(outPath, figures, nulls);
            await output.WriteLineAsync($"Wrote {Path.GetFullPath(outPath)}");
            return 0;
        }
        finally
        {
            if (Get("--work") is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task HistoryAsync(TextWriter output, string work, string cli, int seed, Period period, int? counties, int extra, int years, int repeat,
        Dictionary<string, string> environment, double emptyImport, string quarterDir, Dictionary<string, object?> figures, Dictionary<string, object?> detail)
    {
        var folders = new List<string>();
        var q = period;
        for (var i = 0; i < years * 4; i++)
        {
            q = q.Previous;
            var folder = Path.Combine(work, "history", q.Code);
            // As 'prosperity samples --scale province --seed N --period P' writes each quarter (one seed:
            // year-to-date figures then grow through each year, as the validator requires).
            ProvinceSubmissions.Write(ReferenceCatalog.Default, seed, q, folder, counties, extra);
            folders.Add(folder);
        }

        folders.Reverse();
        var historyDb = Path.Combine(work, "history.db");
        var load = await RunAsync("dotnet", [cli, "import", .. folders, "--db", "sqlite:" + historyDb], environment, work);
        var returns = folders.Sum(f => Directory.GetFiles(f, "*.xlsx").Length);
        var withHistory = double.MaxValue;
        var empty = emptyImport;
        for (var r = 0; r < repeat; r++)
        {
            var copy = Path.Combine(work, $"history{r}.db");
            File.Copy(historyDb, copy, overwrite: true);
            withHistory = Math.Min(withHistory, (await RunAsync("dotnet", [cli, "import", quarterDir, "--db", "sqlite:" + copy], environment, work)).Seconds);
            empty = Math.Min(empty, (await RunAsync("dotnet", [cli, "import", quarterDir, "--db", "sqlite:" + Path.Combine(work, $"empty{r}.db")], environment, work)).Seconds);
        }

        figures["history_import_ratio"] = Round(withHistory / empty);
        detail["history"] = new Dictionary<string, object?>
        {
            ["quarters_loaded_first"] = folders.Count,
            ["returns_loaded_first"] = returns,
            ["history_load_seconds"] = Round(load.Seconds),
            ["import_with_history_seconds"] = Round(withHistory),
            ["import_on_empty_warehouse_seconds"] = Round(empty),
        };
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"history: {returns} returns of {folders.Count} quarters loaded in {load.Seconds:0.0} s; the quarter imports in {withHistory:0.00} s on them, {empty:0.00} s on an empty warehouse (ratio {withHistory / empty:0.00})"));
    }

    /// <summary>
    /// A national quarter: 2,850 county-level units (Zhejiang's real ones and synthetic ones under
    /// every other province, <see cref="NationalRegions"/>) and their cities, each a return of the
    /// quarter's indicators, imported and ranked by fresh CLI processes with the regions file
    /// configured, on SQLite and (given --postgres) PostgreSQL; the peak working set of each process.
    /// </summary>
    private static async Task NationalAsync(TextWriter output, string work, string cli, int seed, Period period, int? counties, int extra, int units,
        string? postgres, Dictionary<string, string> baseEnvironment, Dictionary<string, object?> figures, Dictionary<string, string> nulls,
        Dictionary<string, object?> detail)
    {
        var folder = Path.Combine(work, "national");
        Directory.CreateDirectory(folder);
        var existing = ReferenceCatalog.Default.RegionsDuring(period).Count(r => r.Level == RegionLevel.County);
        var regionsText = NationalRegions.Build(units, existing);
        var regionsFile = Path.Combine(work, NationalRegions.FileName);
        await File.WriteAllTextAsync(regionsFile, regionsText);
        var catalog = ReferenceCatalog.Default.WithRegions(regionsText, NationalRegions.FileName);
        var generation = Stopwatch.StartNew();
        var sample = ProvinceSubmissions.Write(catalog, seed, period, folder, counties, extra);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"national: generated {sample.Workbooks.Count} returns x {sample.Catalog.Indicators.Count} indicators in {generation.Elapsed.TotalSeconds:0} s"));
        var environment = new Dictionary<string, string>(baseEnvironment)
        {
            [IndicatorsVariable] = sample.IndicatorsFile,
            ["PROSPERITY_Reference__RegionsFile"] = regionsFile,
        };

        async Task<(double Import, double Rank, double PeakMb)> RunOn(string db)
        {
            var i = await RunAsync("dotnet", [cli, "import", folder, "--db", db], environment, work);
            var k = await RunAsync("dotnet", [cli, "rank", "--period", period.Code, "--refresh", "--db", db], environment, work);
            return (i.Seconds, k.Seconds, Math.Max(i.PeakMb, k.PeakMb));
        }

        var sqlite = await RunOn("sqlite:" + Path.Combine(work, "national.db"));
        figures["national_quarter_seconds_sqlite"] = Round(sqlite.Import + sqlite.Rank);
        figures["national_peak_memory_mb"] = Round(sqlite.PeakMb);
        var national = new Dictionary<string, object?>
        {
            ["workbooks"] = sample.Workbooks.Count,
            ["county_level_units"] = sample.Workbooks.Count(w => catalog.FindLatestRegion(Path.GetFileName(w)[..6])?.Level == RegionLevel.County),
            ["indicators"] = sample.Catalog.Indicators.Count,
            ["sqlite_import_seconds"] = Round(sqlite.Import),
            ["sqlite_rank_refresh_seconds"] = Round(sqlite.Rank),
            ["sqlite_peak_working_set_mb"] = Round(sqlite.PeakMb),
            ["method"] = "prosperity import DIR, then prosperity rank --period P --refresh (every level of every province), fresh processes, Reference:RegionsFile and Reference:IndicatorsFile configured; peak working set sampled every 50 ms",
        };
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"national sqlite: import {sqlite.Import:0.0} s, rank refresh {sqlite.Rank:0.0} s, peak {sqlite.PeakMb:0} MB"));
        if (string.IsNullOrEmpty(postgres))
        {
            figures["national_quarter_seconds_postgres"] = null;
            nulls["national_quarter_seconds_postgres"] = "no PostgreSQL server given (--postgres \"Host=...;Username=...\")";
        }
        else
        {
            await using var database = await PostgresDatabase.CreateAsync(postgres, "bench_national");
            try
            {
                var pg = await RunOn("postgres:" + database.ConnectionString);
                figures["national_quarter_seconds_postgres"] = Round(pg.Import + pg.Rank);
                national["postgres_import_seconds"] = Round(pg.Import);
                national["postgres_rank_refresh_seconds"] = Round(pg.Rank);
                national["postgres_peak_working_set_mb"] = Round(pg.PeakMb);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"national postgres: import {pg.Import:0.0} s, rank refresh {pg.Rank:0.0} s, peak {pg.PeakMb:0} MB"));
            }
            catch (InvalidOperationException ex)
            {
                // A failed run is a figure too: the reason is kept, not the stack.
                var reason = ex.Message.Split(" exited with ")[^1];
                figures["national_quarter_seconds_postgres"] = null;
                nulls["national_quarter_seconds_postgres"] = "the CLI failed: " + reason[..Math.Min(reason.Length, 400)];
                await output.WriteLineAsync("national postgres failed: " + reason[..Math.Min(reason.Length, 400)]);
            }
        }

        detail["national"] = national;
    }

    /// <summary>The indicators (code, direction, precision) and regions (code, level) of the quarter, for the pandas script.</summary>
    private static (string Indicators, string Regions) WriteScriptInputs(string work, ReferenceCatalog catalog, Period period)
    {
        var indicators = Path.Combine(work, "script-indicators.tsv");
        File.WriteAllLines(indicators, ["code\tdirection\tprecision", .. catalog.Indicators.Select(i =>
            string.Create(CultureInfo.InvariantCulture, $"{i.Code}\t{(i.Direction == RankDirection.LowerIsBetter ? "lower" : "higher")}\t{i.RankPrecision}"))]);
        var regions = Path.Combine(work, "script-regions.tsv");
        File.WriteAllLines(regions, ["code\tlevel", .. catalog.Regions
            .Where(r => r.ValidFrom <= period.End && (r.ValidTo is null || r.ValidTo >= period.YearStart))
            .Select(r => $"{r.Code}\t{ReferenceCatalog.LevelName(r.Level)}")]);
        return (indicators, regions);
    }

    private static string? PandasSkipReason(string python)
    {
        if (!File.Exists(python))
        {
            return $"{python} not found";
        }

        using var check = Process.Start(new ProcessStartInfo(python, ["-c", "import pandas, openpyxl"]) { UseShellExecute = false, RedirectStandardError = true })!;
        var error = check.StandardError.ReadToEnd();
        check.WaitForExit();
        return check.ExitCode == 0 ? null : $"{python} cannot import pandas and openpyxl (Debian: apt-get install python3-pandas python3-openpyxl): {error.Trim().Split('\n')[^1]}";
    }

    internal sealed record ChildRun(int ExitCode, double Seconds, string Output, string Error, double PeakMb = 0);

    private static async Task<ChildRun> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The peak working set (VmHWM), read while the process lives: it is gone once it has exited.
        long peak = 0;
        var exited = process.WaitForExitAsync();
        while (!exited.IsCompleted)
        {
            try
            {
                process.Refresh();
                peak = Math.Max(peak, process.PeakWorkingSet64);
            }
            catch (InvalidOperationException)
            {
                break;
            }

            await Task.WhenAny(exited, Task.Delay(50));
        }

        await exited;
        var run = new ChildRun(process.ExitCode, clock.Elapsed.TotalSeconds, await stdout, await stderr, peak / 1024d / 1024d);
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', start.ArgumentList)} exited with {run.ExitCode}: {run.Error.Trim()} {run.Output[^Math.Min(run.Output.Length, 400)..]}");
        }

        return run;
    }

    /// <summary>The built CLI next to this harness (the Host project is referenced, so prosperity.dll and its runtimeconfig are copied here).</summary>
    private static string FindCli()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "prosperity.dll");
        return File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json"))
            ? path
            : throw new InvalidOperationException($"No runnable prosperity.dll next to the harness ({AppContext.BaseDirectory}); give --cli src/Prosperity.Etl.Host/bin/Release/net10.0/prosperity.dll");
    }

    /// <summary>bench/pandas/import_and_rank.py of the repository above the harness.</summary>
    private static string PandasScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "bench", "pandas", "import_and_rank.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"bench/pandas/import_and_rank.py not found above {AppContext.BaseDirectory}");
    }

    private static string HarnessPath() => Assembly.GetExecutingAssembly().Location;

    /// <summary>Writes the figures into the JSON file, keeping every key already there (null reasons merged).</summary>
    private static async Task MergeAsync(string path, Dictionary<string, object?> figures, Dictionary<string, string> nulls)
    {
        var merged = File.Exists(path)
            ? JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(path)) ?? []
            : [];
        var reasons = merged.TryGetValue("null_reasons", out var existing) && existing.ValueKind == JsonValueKind.Object
            ? existing.Deserialize<Dictionary<string, string>>() ?? []
            : [];
        foreach (var (key, value) in figures)
        {
            merged[key] = JsonSerializer.SerializeToElement(value);
            reasons.Remove(key);
        }

        foreach (var (key, reason) in nulls)
        {
            reasons[key] = reason;
        }

        merged["null_reasons"] = JsonSerializer.SerializeToElement(reasons);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(merged, Indented));
    }

    private static double Round(double value) => Math.Round(value, 3);
}
