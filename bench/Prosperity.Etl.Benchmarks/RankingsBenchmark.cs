using System.Diagnostics;
using System.Globalization;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Benchmarks;

/// <summary>
/// Ranks a synthetic province: 10 years x 4 quarters x 300 indicators x 101 regions (a province,
/// 10 cities, 90 county-level units), every peer level, growth, rank change and the composite index.
/// Prints the time and the ranking facts produced per second. Options: --years N --indicators N;
/// --store also materialises the last year's ranking facts into a temporary SQLite warehouse.
/// </summary>
public sealed class RankingsBenchmark : IBenchmark
{
    public string Name => "rankings";

    public string Description => "rankings and the composite index over 10 years x 4 quarters x 300 indicators x 101 regions (in memory)";

    public Task<int> RunAsync(string[] args, TextWriter output)
    {
        var years = Option(args, "--years", 10);
        var indicatorCount = Option(args, "--indicators", 300);
        var (catalog, periods, values) = Build(years, indicatorCount);
        var inputFacts = values.Values.Sum(v => v.Count);
        output.WriteLine($"input: {periods.Count} periods x {indicatorCount} indicators x {catalog.Regions.Count} regions = {inputFacts:N0} facts");

        var service = new RankingService(new NoWarehouse(), catalog);
        var empty = PeriodValues.Empty;
        var indexed = values.ToDictionary(kv => kv.Key, kv => new PeriodValues(kv.Value));

        // One warm-up period so the JIT is out of the measurement.
        service.Rank(periods[^1], PeerLevel.County, null, indexed[periods[^1]], empty, empty);

        var stopwatch = Stopwatch.StartNew();
        long facts = 0;
        long tables = 0;
        foreach (var period in periods)
        {
            var now = indexed[period];
            var lastYear = indexed.GetValueOrDefault(period.SameQuarterLastYear) ?? empty;
            var previous = indexed.GetValueOrDefault(period.Previous) ?? empty;
            foreach (var level in Enum.GetValues<PeerLevel>())
            {
                foreach (var table in service.Rank(period, level, null, now, lastYear, previous))
                {
                    tables++;
                    facts += table.Rows.Count;
                }
            }
        }

        stopwatch.Stop();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rankings + index: {tables:N0} peer-group tables, {facts:N0} ranking facts in {seconds:F2} s = {facts / seconds:N0} facts/s ({inputFacts / seconds:N0} input facts/s)"));
        return args.Contains("--store") ? StoreAsync(catalog, service, periods[^4..], indexed, output) : Task.FromResult(0);
    }

    private static async Task<int> StoreAsync(ReferenceCatalog catalog, RankingService service, List<Period> periods, Dictionary<Period, PeriodValues> indexed, TextWriter output)
    {
        var folder = Path.Combine(Path.GetTempPath(), "prosperity-bench-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var path = Path.Combine(folder, "warehouse.db");
            await Prosperity.Etl.Sqlite.SqliteWarehouse.Create(path, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).EnsureReadyAsync(catalog);
            var store = Prosperity.Etl.Sqlite.SqliteWarehouse.CreateRankingStore(path, TimeProvider.System);
            var stopwatch = Stopwatch.StartNew();
            long rows = 0;
            foreach (var period in periods)
            {
                var tables = Enum.GetValues<PeerLevel>().SelectMany(level => service.Rank(period, level, null, indexed[period],
                    indexed.GetValueOrDefault(period.SameQuarterLastYear) ?? PeriodValues.Empty, indexed.GetValueOrDefault(period.Previous) ?? PeriodValues.Empty)).ToList();
                rows += await store.ReplaceAsync(period, tables);
            }

            stopwatch.Stop();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rank + materialise into SQLite ({periods.Count} quarters): {rows:N0} rows in {stopwatch.Elapsed.TotalSeconds:F2} s = {rows / stopwatch.Elapsed.TotalSeconds:N0} rows/s"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (ReferenceCatalog Catalog, List<Period> Periods, Dictionary<Period, List<CurrentValue>> Values) Build(int years, int indicatorCount)
    {
        var since = new DateOnly(2000, 1, 1);
        var regions = new List<Region> { new("330000", "浙江省", "Zhejiang", RegionLevel.Province, null, since, null) };
        for (var c = 1; c <= 10; c++)
        {
            var city = string.Create(CultureInfo.InvariantCulture, $"33{c:00}00");
            regions.Add(new Region(city, "市" + c, "City " + c, RegionLevel.City, "330000", since, null));
            for (var k = 1; k <= 9; k++)
            {
                var county = string.Create(CultureInfo.InvariantCulture, $"33{c:00}{k:00}");
                regions.Add(new Region(county, "县" + county, "County " + county, RegionLevel.County, city, since, null));
            }
        }

        var indicators = Enumerable.Range(1, indicatorCount).Select(i => new Indicator(
            string.Create(CultureInfo.InvariantCulture, $"IND{i:000}"), "指标" + i, "Indicator " + i, "元", IndicatorKind.FlowYtd,
            i % 10 == 0 ? RankDirection.LowerIsBetter : RankDirection.HigherIsBetter, i % 3, 0, 1_000_000)).ToList();
        var catalog = new ReferenceCatalog(regions, indicators, "bench");

        var random = new Random(42);
        var periods = new List<Period>();
        var values = new Dictionary<Period, List<CurrentValue>>();
        for (var y = 0; y < years; y++)
        {
            for (var q = 1; q <= 4; q++)
            {
                var period = new Period(2016 + y, q);
                periods.Add(period);
                var list = new List<CurrentValue>(regions.Count * indicatorCount);
                foreach (var region in regions)
                {
                    foreach (var indicator in indicators)
                    {
                        // About 2% missing, so every table has "N of M" to count.
                        decimal? value = random.Next(50) == 0 ? null : Math.Round((decimal)(random.NextDouble() * 100_000), 3);
                        list.Add(new CurrentValue(region.Code, indicator.Code, value));
                    }
                }

                values[period] = list;
            }
        }

        return (catalog, periods, values);
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }

    /// <summary>The ranking maths needs no warehouse here: values are passed in.</summary>
    private sealed class NoWarehouse : IWarehouse
    {
        public Task EnsureReadyAsync(ReferenceCatalog catalog, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<StoredSubmission?> FindLoadedAsync(string sha256, CancellationToken cancellationToken = default) => Task.FromResult<StoredSubmission?>(null);

        public Task<LoadResult> LoadAcceptedAsync(SourceFile file, ValidatedSubmission submission, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<LoadResult> LoadValidatedAsync(SourceFile file, ValidatedSubmission submission, bool reviewRequired, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<long> RecordRejectedAsync(SourceFile file, ValidatedSubmission? submission, IReadOnlyList<ValidationIssue> issues, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<CurrentValue>> GetCurrentValuesAsync(Period period, string? indicatorCode, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<CurrentValue>> GetPublishedGrowthAsync(Period period, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<CurrentValue>>([]);

        public Task<IReadOnlyList<HistoryValue>> GetRegionHistoryAsync(string regionCode, Period first, Period last, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<AttemptIssue>> GetIssueHistoryAsync(string regionCode, Period? period, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<Import.Completeness.SubmissionSummary>> GetSubmissionSummaryAsync(Period first, Period last, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<long?> FindFinalReturnAsync(string regionCode, Period period, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
