using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Samples;

/// <summary>What a province-scale sample run wrote.</summary>
/// <param name="Workbooks">The returns, county-level units first, then the cities.</param>
/// <param name="IndicatorsFile">The province indicators file (configure it as <c>Reference:IndicatorsFile</c>).</param>
/// <param name="Catalog">The catalogue extended with those indicators.</param>
public sealed record ProvinceSample(IReadOnlyList<string> Workbooks, string IndicatorsFile, ReferenceCatalog Catalog);

/// <summary>
/// One quarter of returns for a whole province: every county-level unit of Zhejiang (90) and its 11
/// cities, each with the 19 headline indicators and a province's own monitoring indicators (about
/// 300 in all by default). Deterministic for a seed. Incomes sit around each city's level (Shaoxing's
/// are the published ones), the urban-rural ratio is computed from the two incomes, counts and
/// amounts of a city are the sums of its units, and year-to-date flows grow through the year.
/// </summary>
public static class ProvinceSubmissions
{
    /// <summary>The default number of province indicators beyond the 19 headline ones (300 in all).</summary>
    public const int DefaultExtraIndicators = 280;

    // Q1-Q3 per-capita disposable incomes of the cities (yuan): urban, rural. Shaoxing's as published.
    private static readonly Dictionary<string, (decimal Urban, decimal Rural)> CityIncomes = new()
    {
        ["330100"] = (72_860m, 45_610m),
        ["330200"] = (70_790m, 44_720m),
        ["330300"] = (64_310m, 38_420m),
        ["330400"] = (63_080m, 46_270m),
        ["330500"] = (62_140m, 44_480m),
        ["330600"] = (69_987m, 45_183m),
        ["330700"] = (60_620m, 35_210m),
        ["330800"] = (51_930m, 31_090m),
        ["330900"] = (64_870m, 46_940m),
        ["331000"] = (63_290m, 38_760m),
        ["331100"] = (51_420m, 29_730m),
    };

    // Shaoxing's published Q1-Q3 totals divided over its seven reporting units: a typical unit.
    private static readonly Dictionary<string, decimal> TypicalUnit = new()
    {
        ["TOWN_LISTS"] = 84m,
        ["VILLAGE_MEASURES"] = 105m,
        ["HOUSEHOLD_ACTIONS"] = 4_345m,
        ["FARMER_INCOME_RAISED"] = 796.9m,
        ["LEADERS_KEY_TOWNS"] = 3m,
        ["DEPTS_SUPPORTING_VILLAGES"] = 20m,
        ["CHAIN_JOBS"] = 248m,
        ["CHAINS_OVER_1BN"] = 2m,
        ["SPECIALTY_OUTPUT"] = 76.9m,
        ["WORKSHOPS"] = 144m,
        ["WORKSHOP_WORKERS"] = 9_257m,
        ["YOUTH_STATIONS_PLANNED"] = 43m,
        ["RURAL_INNOVATORS_TARGET"] = 1_429m,
    };

    // The share of the Q1-Q3 year-to-date figure reached by the end of each quarter (Q4 = the year).
    private static readonly decimal[] IncomeYtdShare = [0.372m, 0.655m, 1m, 1.335m];
    private static readonly decimal[] FlowYtdShare = [0.28m, 0.61m, 1m, 1.38m];
    private static readonly decimal[] StockShare = [0.93m, 0.97m, 1m, 1.02m];

    /// <summary>The county-level units of the province valid in <paramref name="period"/> (Zhejiang: 90), then its cities.</summary>
    public static IReadOnlyList<Region> Submitters(ReferenceCatalog catalog, Period period, int? counties = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var units = catalog.RegionsDuring(period).Where(r => r.Level == RegionLevel.County).OrderBy(r => r.Code, StringComparer.Ordinal).ToList();
        if (counties is { } n)
        {
            units = units.Take(n).ToList();
        }

        var cities = catalog.RegionsDuring(period).Where(r => r.Level == RegionLevel.City && units.Any(u => u.ParentCode == r.Code))
            .OrderBy(r => r.Code, StringComparer.Ordinal);
        return [.. units, .. cities];
    }

    /// <summary>
    /// Writes one quarter for the province into <paramref name="folder"/>: the indicators file and a
    /// workbook per submitter. <paramref name="counties"/> and <paramref name="extraIndicators"/> shrink
    /// the run (smoke tests); the defaults are the whole province with about 300 indicators.
    /// </summary>
    public static ProvinceSample Write(ReferenceCatalog catalog, int seed, Period period, string folder,
        int? counties = null, int extraIndicators = DefaultExtraIndicators)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Directory.CreateDirectory(folder);
        var extra = ProvinceIndicators.Build(extraIndicators);
        var indicatorsFile = Path.Combine(folder, ProvinceIndicators.FileName);
        var tsv = ProvinceIndicators.ToTsv(extra);
        File.WriteAllText(indicatorsFile, tsv);
        var province = catalog.WithIndicators(tsv, ProvinceIndicators.FileName);

        // One workbook per submitter, written on every core (a national quarter is over 3,000 workbooks).
        var requests = Build(province, seed, period, counties);
        var paths = requests.Select(r => Path.Combine(folder, DemoSubmissions.FileName(r.Region, period))).ToList();
        Parallel.For(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => SubmissionTemplateWriter.Write(requests[i], paths[i]));
        return new ProvinceSample(paths, indicatorsFile, province);
    }

    /// <summary>The filled-in returns of every submitter, county-level units first, then each city (sums and levels of its units).</summary>
    public static IReadOnlyList<TemplateRequest> Build(ReferenceCatalog catalog, int seed, Period period, int? counties = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var submitters = Submitters(catalog, period, counties);
        var units = submitters.Where(r => r.Level == RegionLevel.County).ToList();
        var unitValues = units.ToDictionary(u => u.Code, u => UnitValues(catalog, seed, period, u));
        var requests = units.Select(u => Request(catalog, u, period, unitValues[u.Code])).ToList();
        foreach (var city in submitters.Where(r => r.Level == RegionLevel.City))
        {
            var members = units.Where(u => u.ParentCode == city.Code).Select(u => unitValues[u.Code]).ToList();
            requests.Add(Request(catalog, city, period, CityValues(catalog, city, period, members)));
        }

        return requests;
    }

    private static TemplateRequest Request(ReferenceCatalog catalog, Region region, Period period, Dictionary<string, decimal?> values) =>
        new(region, period, catalog.Indicators)
        {
            Values = values,
            Submitter = "统计局综合科 General Section, Statistics Bureau",
            Contact = "0571-8700 0000",
            FilledOn = period.End.AddDays(15),
            RegionChoices = [region],
        };

    private static Dictionary<string, decimal?> UnitValues(ReferenceCatalog catalog, int seed, Period period, Region unit)
    {
        // One generator per unit, seeded by the seed and the unit's code, so a unit's values do not
        // depend on which other units are generated.
        var random = new Random(HashCode(seed, unit.Code));
        var q = period.Quarter - 1;
        var values = new Dictionary<string, decimal?>();
        var (urban, rural) = IncomesOf(unit.ParentCode!);
        var level = 0.88m + (decimal)random.NextDouble() * 0.24m;
        var scale = 0.4m + (decimal)random.NextDouble() * 1.6m;
        var urbanIncome = Math.Round(urban * level * IncomeYtdShare[q], 0);
        var ruralIncome = Math.Round(rural * (level + ((decimal)random.NextDouble() - 0.5m) * 0.06m) * IncomeYtdShare[q], 0);
        values["INC_URBAN_PC"] = urbanIncome;
        values["INC_RURAL_PC"] = ruralIncome;
        values["RATIO_URBAN_RURAL"] = Math.Round(urbanIncome / ruralIncome, 2);
        values["INC_ALL_PC"] = AllResidents(urbanIncome, ruralIncome);
        foreach (var (code, typical) in TypicalUnit)
        {
            var indicator = catalog.FindIndicator(code)!;
            values[code] = Math.Round(typical * scale * (0.8m + (decimal)random.NextDouble() * 0.4m) * Growth(indicator.Kind, q), indicator.RankPrecision);
        }

        // Residents (万人) go with the unit's size: a typical county-level unit has about 50万.
        if (catalog.Population is { } population)
        {
            values[population.Code] = Math.Round(50m * scale * (0.9m + (decimal)random.NextDouble() * 0.2m), population.RankPrecision);
        }

        // Money figures follow the city's income level, so richer cities spend, earn and invest more.
        var prosperity = urban / CityIncomes.Values.Average(c => c.Urban);
        foreach (var theme in ProvinceIndicators.Themes)
        {
            var wobble = 0.85m + (decimal)random.NextDouble() * 0.3m;
            var money = theme.Unit is "元" or "万元" or "亿元" ? prosperity : 1m;
            foreach (var group in ProvinceIndicators.Groups)
            {
                var indicator = catalog.FindIndicator(ProvinceIndicators.Code(theme, group));
                if (indicator is null)
                {
                    continue;
                }

                var value = money * (theme.IsAdditive
                    ? theme.CountyValue * scale * group.Share * wobble * Growth(theme.Kind, q)
                    : theme.CountyValue * group.Level * (theme.Direction == RankDirection.LowerIsBetter ? 2m - level : level) * (theme.Unit == "元" ? IncomeYtdShare[q] : 1m));
                values[indicator.Code] = Math.Round(Math.Clamp(value, indicator.PlausibleMin, theme.Unit == "%" ? 99.5m : indicator.PlausibleMax), indicator.RankPrecision);
            }
        }

        // Achieved against the three-year targets: between a third and nine tenths so far.
        var completion = 0.35m + ((decimal)random.NextDouble() * 0.55m);
        values["YOUTH_STATIONS_BUILT"] = Math.Round(values["YOUTH_STATIONS_PLANNED"]!.Value * completion * Growth(IndicatorKind.Stock, q), 0);
        values["RURAL_INNOVATORS_TRAINED"] = Math.Round(values["RURAL_INNOVATORS_TARGET"]!.Value * completion * Growth(IndicatorKind.Stock, q), 0);
        return values;
    }

    private static Dictionary<string, decimal?> CityValues(ReferenceCatalog catalog, Region city, Period period, List<Dictionary<string, decimal?>> members)
    {
        var q = period.Quarter - 1;
        var values = new Dictionary<string, decimal?>();
        foreach (var indicator in catalog.Indicators)
        {
            var known = members.Select(m => m.GetValueOrDefault(indicator.Code)).OfType<decimal>().ToList();
            if (known.Count == 0)
            {
                continue;
            }

            var additive = indicator.IsCount || indicator.Unit is "万元" or "亿元";
            values[indicator.Code] = Math.Round(additive ? known.Sum() : known.Average(), indicator.RankPrecision);
        }

        var (urban, rural) = IncomesOf(city.Code);
        values["INC_URBAN_PC"] = Math.Round(urban * IncomeYtdShare[q], 0);
        values["INC_RURAL_PC"] = Math.Round(rural * IncomeYtdShare[q], 0);
        values["RATIO_URBAN_RURAL"] = Math.Round(values["INC_URBAN_PC"]!.Value / values["INC_RURAL_PC"]!.Value, 2);
        values["INC_ALL_PC"] = AllResidents(values["INC_URBAN_PC"]!.Value, values["INC_RURAL_PC"]!.Value);
        return values;
    }

    // A city's incomes: Zhejiang's as listed; a synthetic city of another province (the national
    // scale) takes one of them, scaled down by 5-25 % after its code.
    private static (decimal Urban, decimal Rural) IncomesOf(string cityCode)
    {
        if (CityIncomes.TryGetValue(cityCode, out var known))
        {
            return known;
        }

        var h = (uint)HashCode(0, cityCode);
        var (urban, rural) = CityIncomes.Values.ElementAt((int)(h % (uint)CityIncomes.Count));
        var factor = 0.75m + ((h / 16 % 21) / 100m);
        return (Math.Round(urban * factor, 0), Math.Round(rural * factor, 0));
    }

    // The all-residents income: the two incomes weighted by the urban and rural populations (about two thirds urban).
    private static decimal AllResidents(decimal urban, decimal rural) => Math.Round((urban * 0.65m) + (rural * 0.35m), 0);

    private static decimal Growth(IndicatorKind kind, int quarter) => kind switch
    {
        IndicatorKind.FlowYtd => FlowYtdShare[quarter],
        IndicatorKind.Stock => StockShare[quarter],
        _ => 1m,
    };

    // string.GetHashCode is randomised per process; this one is stable across runs.
    private static int HashCode(int seed, string code) => code.Aggregate(seed * 7919 + 17, (acc, c) => unchecked((acc * 31) + c));
}
