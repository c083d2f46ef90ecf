using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Samples;

/// <summary>
/// Realistic sample returns for 2025 Q1-Q3: Shaoxing's six county-level units, Binhai New Area and
/// the city itself. The city's Q1-Q3 figures are the published ones (urban income 69,987 yuan,
/// rural 45,183, ratio 1.55, 1,011 workshops employing 64,800 rural workers...); the units' figures
/// are shaped so that they are consistent with them (incomes around the city's, counts that add up
/// to the city's totals, year-to-date flows that grow through the year).
/// </summary>
public static class DemoSubmissions
{
    /// <summary>The periods of the demo.</summary>
    public static IReadOnlyList<Period> Periods { get; } = [new(2025, 1), new(2025, 2), new(2025, 3)];

    /// <summary>The city whose units report.</summary>
    public const string CityCode = "330600";

    // Q1-Q3 per-capita disposable incomes (yuan): urban, rural.
    private static readonly Dictionary<string, (decimal Urban, decimal Rural)> Incomes = new()
    {
        ["330602"] = (74_512m, 48_905m), // Yuecheng
        ["330603"] = (78_936m, 52_378m), // Keqiao
        ["330604"] = (69_420m, 45_862m), // Shangyu
        ["330624"] = (62_845m, 39_716m), // Xinchang
        ["330681"] = (73_108m, 49_254m), // Zhuji
        ["330683"] = (63_517m, 40_988m), // Shengzhou
        ["F330601"] = (66_230m, 44_105m), // Binhai New Area
        [CityCode] = (69_987m, 45_183m), // Shaoxing, as published
    };

    // Each unit's share of the city's counts and flows (sums to 1 over the seven units).
    private static readonly Dictionary<string, decimal> Shares = new()
    {
        ["330602"] = 0.12m,
        ["330603"] = 0.17m,
        ["330604"] = 0.16m,
        ["330624"] = 0.15m,
        ["330681"] = 0.19m,
        ["330683"] = 0.14m,
        ["F330601"] = 0.07m,
    };

    // The city's Q1-Q3 totals as published, in catalogue units.
    private static readonly Dictionary<string, decimal> CityTotals = new()
    {
        ["TOWN_LISTS"] = 589m,
        ["VILLAGE_MEASURES"] = 737m,
        ["HOUSEHOLD_ACTIONS"] = 30_412m,
        ["FARMER_INCOME_RAISED"] = 5_578m,
        ["LEADERS_KEY_TOWNS"] = 19m,
        ["DEPTS_SUPPORTING_VILLAGES"] = 137m,
        ["CHAINS_OVER_1BN"] = 15m,
        ["SPECIALTY_OUTPUT"] = 538m,
        ["WORKSHOPS"] = 1_011m,
        ["WORKSHOP_WORKERS"] = 64_800m,
        ["YOUTH_STATIONS_PLANNED"] = 300m,
        ["RURAL_INNOVATORS_TARGET"] = 10_000m,
    };

    // How far each unit has come on its three-year targets by the end of Q3 2025 (share of the target achieved).
    private static readonly Dictionary<string, decimal> Completion = new()
    {
        ["330602"] = 0.72m,
        ["330603"] = 0.81m,
        ["330604"] = 0.64m,
        ["330624"] = 0.58m,
        ["330681"] = 0.69m,
        ["330683"] = 0.61m,
        ["F330601"] = 0.77m,
    };

    // Resident population (常住人口, 万人): sample figures, not the census. The six county-level units
    // add up to the city (Binhai New Area's residents are counted in its host districts), and they are
    // shaped so that the counts per head follow the incomes, as they tend to: Keqiao has the most
    // workshops, jobs and stations per 10,000 residents, Xinchang the fewest.
    private static readonly Dictionary<string, decimal> Population = new()
    {
        ["330602"] = 64.80m,
        ["330603"] = 86.20m,
        ["330604"] = 95.20m,
        ["330624"] = 99.40m,
        ["330681"] = 106.60m,
        ["330683"] = 88.80m,
        ["F330601"] = 24.50m,
        [CityCode] = 541.00m,
    };

    // Share of the population living in towns, which weights the two incomes into the all-residents one.
    private const decimal UrbanShare = 0.66m;

    // Share of the Q1-Q3 year-to-date figure reached by the end of Q1 and Q2.
    private static readonly decimal[] IncomeYtdShare = [0.372m, 0.655m, 1m];
    private static readonly decimal[] FlowYtdShare = [0.28m, 0.61m, 1m];
    private static readonly decimal[] StockShare = [0.93m, 0.97m, 1m];

    /// <summary>The regions that submit in the demo: the city's county-level units, Binhai New Area and the city.</summary>
    public static IReadOnlyList<Region> Submitters(ReferenceCatalog catalog, Period period)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return Incomes.Keys.Select(code => catalog.FindRegion(code, period)
            ?? throw new InvalidOperationException($"Region {code} is not valid in {period}.")).ToList();
    }

    /// <summary>The filled-in workbook request of one region for one period.</summary>
    public static TemplateRequest Build(ReferenceCatalog catalog, Region region, Period period)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(region);
        var q = period.Quarter - 1;
        var values = new Dictionary<string, decimal?>();
        var (urban, rural) = Incomes[region.Code];
        values["INC_URBAN_PC"] = Math.Round(urban * IncomeYtdShare[q] * Wobble(region.Code, q), 0);
        values["INC_RURAL_PC"] = Math.Round(rural * IncomeYtdShare[q] * Wobble(region.Code, q + 3), 0);
        if (q == 2)
        {
            // The Q1-Q3 figures are exact; the wobble only shapes the earlier quarters.
            values["INC_URBAN_PC"] = urban;
            values["INC_RURAL_PC"] = rural;
        }

        values["RATIO_URBAN_RURAL"] = Math.Round(values["INC_URBAN_PC"]!.Value / values["INC_RURAL_PC"]!.Value, 2);

        // All residents: the two incomes weighted by the urban and rural populations (about two thirds urban).
        values["INC_ALL_PC"] = Math.Round((values["INC_URBAN_PC"]!.Value * UrbanShare) + (values["INC_RURAL_PC"]!.Value * (1m - UrbanShare)), 0);

        var share = region.Code == CityCode ? 1m : Shares[region.Code];
        foreach (var (code, total) in CityTotals)
        {
            var indicator = catalog.FindIndicator(code)!;
            var growth = indicator.Kind switch
            {
                IndicatorKind.FlowYtd => FlowYtdShare[q],
                IndicatorKind.Stock => StockShare[q],
                _ => 1m,
            };
            values[code] = Math.Round(total * share * growth, indicator.RankPrecision);
        }

        // What has been achieved against the targets: the city's is the sum of its units'.
        var units = region.Code == CityCode ? [.. Shares.Keys] : new[] { region.Code };
        values["YOUTH_STATIONS_BUILT"] = units.Sum(u => Math.Round(CityTotals["YOUTH_STATIONS_PLANNED"] * Shares[u] * Completion[u] * StockShare[q], 0));
        values["RURAL_INNOVATORS_TRAINED"] = units.Sum(u => Math.Round(CityTotals["RURAL_INNOVATORS_TARGET"] * Shares[u] * (Completion[u] - 0.05m) * StockShare[q], 0));

        values["POP_RESIDENT"] = Population[region.Code];

        // Industrial-chain jobs are reported by Binhai New Area only ("more than 1,700 people").
        values["CHAIN_JOBS"] = region.Code is "F330601" or CityCode ? Math.Round(1_736m * StockShare[q], 0) : null;

        var explanations = new Dictionary<string, string>();
        if (region.Code == "F330601")
        {
            explanations["CHAIN_JOBS"] = "滨海新区强村产业链带动就业。Jobs from Binhai New Area's village-focused industrial chains.";
        }

        return new TemplateRequest(region, period, catalog.Indicators)
        {
            Values = values,
            Explanations = explanations,
            Submitter = "统计科 Statistics Section",
            Contact = "0575-8500 0000",
            FilledOn = period.End.AddDays(15),
            RegionChoices = SubmissionTemplateWriter.RegionChoicesFor(region, period, catalog),
        };
    }

    /// <summary>
    /// Writes every demo workbook under <paramref name="folder"/> (one subfolder per period) and
    /// returns the paths. Unless <paramref name="overwrite"/> is set, existing files are kept, so
    /// re-running the demo imports nothing new.
    /// </summary>
    public static IReadOnlyList<string> WriteAll(ReferenceCatalog catalog, string folder, bool overwrite)
    {
        var paths = new List<string>();
        foreach (var period in Periods)
        {
            foreach (var region in Submitters(catalog, period))
            {
                var path = Path.Combine(folder, period.Code, FileName(region, period));
                if (overwrite || !File.Exists(path))
                {
                    SubmissionTemplateWriter.Write(Build(catalog, region, period), path);
                }

                paths.Add(path);
            }
        }

        return paths;
    }

    /// <summary>
    /// A correction Xinchang sends after 2025Q3 was published: the urban income revised up by 275 yuan
    /// (62,845 to 63,120) and the ratio with it. Written once under <c>corrections</c> in <paramref name="folder"/>.
    /// </summary>
    public static string WriteCorrection(ReferenceCatalog catalog, string folder)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var period = Periods[^1];
        var region = catalog.FindRegion("330624", period) ?? throw new InvalidOperationException($"Region 330624 is not valid in {period}.");
        var path = Path.Combine(folder, "corrections", Path.GetFileNameWithoutExtension(FileName(region, period)) + "_v2.xlsx");
        if (!File.Exists(path))
        {
            var request = Build(catalog, region, period);
            var values = new Dictionary<string, decimal?>(request.Values) { ["INC_URBAN_PC"] = 63_120m };
            values["RATIO_URBAN_RURAL"] = Math.Round(63_120m / values["INC_RURAL_PC"]!.Value, 2);
            values["INC_ALL_PC"] = Math.Round((63_120m * UrbanShare) + (values["INC_RURAL_PC"]!.Value * (1m - UrbanShare)), 0);
            var explanations = new Dictionary<string, string>(request.Explanations)
            {
                ["INC_URBAN_PC"] = "住户调查样本复核后修订。Revised after the household survey sample was re-checked.",
            };
            SubmissionTemplateWriter.Write(request with { Values = values, Explanations = explanations, FilledOn = period.End.AddDays(40) }, path);
        }

        return path;
    }

    /// <summary>The file name of a region's return: code, English name and period.</summary>
    public static string FileName(Region region, Period period) => SubmissionFormat.FileName(region, period);

    // A deterministic factor within ±1.5% so that quarters do not scale identically for every unit.
    private static decimal Wobble(string code, int salt)
    {
        var h = code.Aggregate(17 + salt, (acc, c) => unchecked((acc * 31) + c));
        return 1m + (((h & 0x7FFFFFFF) % 31) - 15) / 1000m;
    }
}
