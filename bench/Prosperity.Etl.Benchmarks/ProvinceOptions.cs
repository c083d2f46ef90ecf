using System.Globalization;
using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Benchmarks;

/// <summary>The options of the province harness; the defaults are the full province run.</summary>
internal sealed record ProvinceOptions(int Seed, Period Period, int? Counties, int ExtraIndicators, int Repeat, int NoopFiles,
    double LargeMegabytes, int LoadQuarters, string Out, string? Postgres, string? Work, IReadOnlySet<string> Only)
{
    public static ProvinceOptions Parse(string[] args)
    {
        string? Get(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        int Int(string name, int fallback) => Get(name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;

        return new ProvinceOptions(
            Seed: Int("--seed", 1),
            Period: Period.TryParse(Get("--period") ?? "2025Q3", out var p) ? p : throw new ArgumentException("--period: write it like 2025Q3"),
            Counties: Get("--counties") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : null,
            ExtraIndicators: Int("--indicators", 300) - Prosperity.Etl.Reference.ReferenceCatalog.Default.Indicators.Count,
            Repeat: Math.Max(1, Int("--repeat", 2)),
            NoopFiles: Int("--noop-files", 1_000),
            LargeMegabytes: Get("--large-mb") is { } m ? double.Parse(m, CultureInfo.InvariantCulture) : 19.5,
            LoadQuarters: Int("--load-quarters", 4),
            Out: Get("--out") ?? "bench-results.json",
            Postgres: args.Contains("--skip-postgres") ? null : Get("--postgres") ?? Environment.GetEnvironmentVariable("PROSPERITY_TEST_POSTGRES"),
            Work: Get("--work"),
            Only: (Get("--only") ?? "reading,loading,end-to-end,noop,peak").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>True when the section is measured in this run (<c>--only reading,loading,end-to-end,noop,peak</c>).</summary>
    public bool Runs(string section) => Only.Contains(section);

    /// <summary>Usage text.</summary>
    public const string Usage = "province [--seed N] [--period 2025Q3] [--counties N] [--indicators 300] [--repeat 2] [--noop-files 1000] [--large-mb 19.5] [--load-quarters 4] [--out bench-results.json] [--postgres CONNECTION | --skip-postgres] [--work DIR] [--only reading,loading,end-to-end,noop,peak]";
}
