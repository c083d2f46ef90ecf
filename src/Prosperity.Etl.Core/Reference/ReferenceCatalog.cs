using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Reference;

/// <summary>
/// The regions and the indicator catalogue, loaded from the tab-separated files embedded in this
/// assembly (<c>Reference/regions.tsv</c>, <c>Reference/indicators.tsv</c>). The warehouse seeds
/// its dimensions from the same catalogue, so there is one source of reference data.
/// </summary>
public sealed class ReferenceCatalog
{
    private readonly Dictionary<string, Indicator> _indicators;
    private readonly ILookup<string, Region> _regionsByCode;

    /// <summary>Creates a catalogue from explicit lists (tests, other provinces).</summary>
    public ReferenceCatalog(IReadOnlyList<Region> regions, IReadOnlyList<Indicator> indicators, string version)
    {
        Regions = regions;
        Indicators = indicators;
        Version = version;
        _indicators = indicators.ToDictionary(i => i.Code, StringComparer.OrdinalIgnoreCase);
        _regionsByCode = regions.ToLookup(r => r.Code, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every region row, including the historical ones.</summary>
    public IReadOnlyList<Region> Regions { get; }

    /// <summary>The indicators in catalogue order.</summary>
    public IReadOnlyList<Indicator> Indicators { get; }

    /// <summary>The resident population (常住人口), the size the composite index puts counts per head of; null in a catalogue without one.</summary>
    public Indicator? Population => Indicators.FirstOrDefault(i => i.IsPopulation);

    /// <summary>A checksum of the reference files; the warehouse re-seeds when it changes.</summary>
    public string Version { get; }

    /// <summary>The first and last quarter the period dimension is seeded with.</summary>
    public static (Period First, Period Last) PeriodRange => (new Period(2010, 1), new Period(2040, 4));

    /// <summary>The catalogue shipped with the product.</summary>
    public static ReferenceCatalog Default { get; } = LoadEmbedded();

    /// <summary>The indicator with this code, or null.</summary>
    public Indicator? FindIndicator(string code) => _indicators.GetValueOrDefault(code.Trim());

    /// <summary>Any region row with this code, whatever its validity.</summary>
    public bool IsKnownRegionCode(string code) => _regionsByCode[code.Trim()].Any();

    /// <summary>The region row with this code valid during <paramref name="period"/>, or null.</summary>
    public Region? FindRegion(string code, Period period) =>
        _regionsByCode[code.Trim()].FirstOrDefault(r => r.IsValidDuring(period));

    /// <summary>The newest row for a code, for display when no period applies.</summary>
    public Region? FindLatestRegion(string code) =>
        _regionsByCode[code.Trim()].OrderByDescending(r => r.ValidFrom).FirstOrDefault();

    /// <summary>The regions valid during <paramref name="period"/>.</summary>
    public IEnumerable<Region> RegionsDuring(Period period) => Regions.Where(r => r.IsValidDuring(period));

    /// <summary>Every quarter of the period dimension.</summary>
    public static IEnumerable<Period> Periods()
    {
        var (first, last) = PeriodRange;
        for (var p = first; p <= last; p = p.Next)
        {
            yield return p;
        }
    }

    private static ReferenceCatalog LoadEmbedded()
    {
        var regionsText = ReadResource("regions.tsv");
        var indicatorsText = ReadResource("indicators.tsv");
        var version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(regionsText + "\n" + indicatorsText)))[..16];
        return new ReferenceCatalog(ParseRegions(regionsText), ParseIndicators(indicatorsText), version);
    }

    private static string ReadResource(string name)
    {
        var assembly = typeof(ReferenceCatalog).Assembly;
        using var stream = assembly.GetManifestResourceStream("Prosperity.Etl.Reference." + name)
            ?? throw new InvalidOperationException($"Reference file {name} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    internal static List<Region> ParseRegions(string text) =>
        Rows(text).Select(f => new Region(
            Code: f[0],
            NameZh: f[1],
            NameEn: f[2],
            Level: ParseLevel(f[3]),
            ParentCode: Blank(f[4]),
            ValidFrom: DateOnly.ParseExact(f[5], "yyyy-MM-dd", CultureInfo.InvariantCulture),
            ValidTo: Blank(f[6]) is { } to ? DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            SuccessorCode: Blank(f[7]))).ToList();

    internal static List<Indicator> ParseIndicators(string text) =>
        Rows(text).Select(f => new Indicator(
            Code: f[0],
            NameZh: f[1],
            NameEn: f[2],
            Unit: f[3],
            Kind: ParseKind(f[4]),
            Direction: f[5] == "lower" ? RankDirection.LowerIsBetter : RankDirection.HigherIsBetter,
            RankPrecision: int.Parse(f[6], CultureInfo.InvariantCulture),
            PlausibleMin: decimal.Parse(f[7], CultureInfo.InvariantCulture),
            PlausibleMax: decimal.Parse(f[8], CultureInfo.InvariantCulture),
            Numerator: Blank(f[9]),
            Denominator: Blank(f[10]),
            PartOf: f.Length > 11 ? Blank(f[11]) : null,
            AchievedBy: f.Length > 12 ? Blank(f[12]) : null,
            Summable: f.Length > 13 && Blank(f[13]) is { } summable ? summable == "yes" : null,
            Required: f.Length > 14 && Blank(f[14]) == "yes",
            IsPopulation: f.Length > 15 && Blank(f[15]) == "population")).ToList();

    /// <summary>The storage name of a region level (province, city, county, functional_area).</summary>
    public static string LevelName(RegionLevel level) => level switch
    {
        RegionLevel.Province => "province",
        RegionLevel.City => "city",
        RegionLevel.County => "county",
        RegionLevel.FunctionalArea => "functional_area",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The storage name of an indicator kind (flow_ytd, stock, derived_ratio, target).</summary>
    public static string KindName(IndicatorKind kind) => kind switch
    {
        IndicatorKind.FlowYtd => "flow_ytd",
        IndicatorKind.Stock => "stock",
        IndicatorKind.DerivedRatio => "derived_ratio",
        IndicatorKind.Target => "target",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static RegionLevel ParseLevel(string s) =>
        Enum.GetValues<RegionLevel>().Single(l => LevelName(l) == s);

    private static IndicatorKind ParseKind(string s) =>
        Enum.GetValues<IndicatorKind>().Single(k => KindName(k) == s);

    private static string? Blank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static IEnumerable<string[]> Rows(string text) =>
        text.Split('\n')
            .Select(l => l.TrimEnd('\r'))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Skip(1)
            .Select(l => l.Split('\t'));
}
