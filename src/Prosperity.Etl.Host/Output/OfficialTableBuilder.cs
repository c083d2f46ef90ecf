using System.Globalization;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Publishing;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Host.Output;

/// <summary>
/// Builds the official comparison table of a period (<c>report --bulletin</c>): the cities of each
/// province, one sheet per topic, each city's current value (its own return, else the bulletin's
/// figure: the ranking's rule), its growth on the same period last year and its rank among the
/// cities, under the province's own figure.
/// </summary>
public static class OfficialTableBuilder
{
    /// <summary>The topics, in order: the sheet name, the title's subject, and the indicators (catalogue order within a topic).</summary>
    public static IReadOnlyList<(string Sheet, string Subject, string[] Codes)> Topics { get; } =
    [
        ("居民收入", "城乡居民人均可支配收入", ["INC_ALL_PC", "INC_URBAN_PC", "INC_RURAL_PC", "RATIO_URBAN_RURAL"]),
        ("行动落实", "共同富裕行动落实情况", ["TOWN_LISTS", "VILLAGE_MEASURES", "HOUSEHOLD_ACTIONS", "FARMER_INCOME_RAISED", "LEADERS_KEY_TOWNS", "DEPTS_SUPPORTING_VILLAGES"]),
        ("产业就业", "产业发展与就业情况", ["CHAIN_JOBS", "CHAINS_OVER_1BN", "SPECIALTY_OUTPUT", "WORKSHOPS", "WORKSHOP_WORKERS"]),
        ("人才培育", "人才培育情况", ["YOUTH_STATIONS_BUILT", "RURAL_INNOVATORS_TRAINED"]),
    ];

    /// <summary>The sheet of indicators no topic names (a province's own catalogue).</summary>
    public const string OtherSheet = "其他指标";

    /// <summary>Indicators per sheet of <see cref="OtherSheet"/>, so that it stays one page wide in print.</summary>
    public const int OtherPerSheet = 6;

    /// <summary>The sheets of the period: only topics with a value; none when the warehouse has no city values.</summary>
    public static async Task<IReadOnlyList<OfficialTableSheet>> BuildAsync(Period period, RankingService ranking, IOfficialValues official, ReferenceCatalog catalog,
        OfficeTime office, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(official);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(office);
        var (values, lastYear, previous) = await ranking.LoadAsync(period, cancellationToken);
        var tables = ranking.Rank(period, PeerLevel.City, null, values, lastYear, previous)
            .Where(t => t.Group is not null && catalog.FindIndicator(t.Indicator.Code) is { Kind: not IndicatorKind.Target })
            .ToList();
        var sources = (await official.GetValuesAsync(period, cancellationToken)).ToLookup(v => v.RegionCode, StringComparer.Ordinal);
        var sheets = new List<OfficialTableSheet>();
        foreach (var province in tables.Select(t => t.Group!).DistinctBy(g => g.Code))
        {
            var inGroup = tables.Where(t => t.Group!.Code == province.Code && t.Rows.Any(r => r.Value is not null)).ToDictionary(t => t.Indicator.Code, StringComparer.Ordinal);
            var topics = Topics.Select(t => (t.Sheet, t.Subject, Codes: t.Codes.Where(inGroup.ContainsKey).ToArray())).ToList();
            var named = Topics.SelectMany(t => t.Codes).ToHashSet(StringComparer.Ordinal);
            var others = catalog.Indicators.Select(i => i.Code).Where(c => inGroup.ContainsKey(c) && !named.Contains(c)).ToList();
            for (var n = 0; n < others.Count; n += OtherPerSheet)
            {
                var part = others.Skip(n).Take(OtherPerSheet).ToArray();
                topics.Add((others.Count > OtherPerSheet ? $"{OtherSheet}{(n / OtherPerSheet) + 1}" : OtherSheet, "主要指标", part));
            }

            var many = tables.Select(t => t.Group!.Code).Distinct(StringComparer.Ordinal).Count() > 1;
            foreach (var (sheetName, subject, codes) in topics.Where(t => t.Codes.Length > 0))
            {
                var indicators = codes.Select(c => inGroup[c].Indicator).ToList();
                var rows = new List<OfficialTableRow>
                {
                    new(province.Parent.Level == RegionLevel.Province ? "全省" : "全市", indicators.ToDictionary(i => i.Code, i =>
                    {
                        var v = values.ValueOf(province.Parent.Code, i);
                        var growth = GrowthMeasure.Of(i, v, lastYear.ValueOf(province.Parent.Code, i));
                        return new OfficialFigure(Round(v, i.RankPrecision), Round(growth, GrowthMeasure.RankingIndicator(i).RankPrecision), null);
                    }, StringComparer.Ordinal)),
                };
                foreach (var member in inGroup[codes[0]].Rows.Select(r => r.Region).OrderBy(r => r.Code, StringComparer.Ordinal))
                {
                    rows.Add(new OfficialTableRow(member.NameZh, indicators.ToDictionary(i => i.Code, i =>
                    {
                        var r = inGroup[i.Code].Rows.First(x => x.Region.Code == member.Code);
                        return new OfficialFigure(r.Rounded, Round(r.Growth, GrowthMeasure.RankingIndicator(i).RankPrecision), r.Rank);
                    }, StringComparer.Ordinal)));
                }

                var title = $"{period.LabelZh}{(province.Parent.Level == RegionLevel.Province ? "全省" : province.Parent.NameZh)}各市{subject}";
                var memberCodes = inGroup[codes[0]].Rows.Select(r => r.Region.Code).Append(province.Parent.Code).ToHashSet(StringComparer.Ordinal);
                sheets.Add(new OfficialTableSheet(many ? $"{sheetName}{province.Parent.Code}" : sheetName, title, indicators, rows,
                    Footnotes(indicators, memberCodes.SelectMany(c => sources[c]).Where(v => codes.Contains(v.IndicatorCode, StringComparer.Ordinal)).ToList(), office, now)));
            }
        }

        return sheets;
    }

    private static List<string> Footnotes(IReadOnlyList<Indicator> indicators, IReadOnlyList<OfficialValue> used, OfficeTime office, DateTimeOffset now)
    {
        var returns = used.Where(v => v.SourceKind == "return").Select(v => v.SubmissionId).Distinct().Count();
        var bulletins = used.Where(v => v.SourceKind == "bulletin").Select(v => v.SourceTitle).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList();
        var source = new List<string>();
        if (returns > 0)
        {
            source.Add(string.Create(CultureInfo.InvariantCulture, $"各地报送的季度报表（{returns} 份）"));
        }

        source.AddRange(bulletins.Select(b => $"《{b}》"));
        var lowerBetter = indicators.Where(i => i.Direction == RankDirection.LowerIsBetter).Select(i => i.NameZh).ToList();
        var method = "位次按绝对数由高到低排列" + (lowerBetter.Count > 0 ? $"，{string.Join("、", lowerBetter)}由低到高排列" : string.Empty)
            + "；数值相同者位次相同。增长为与上年同期相比（比率为增减）；“—”表示无数据。";
        return
        [
            $"注：{method}" + (indicators.Any(i => i.Code == "RATIO_URBAN_RURAL") ? "城乡居民收入比以农村居民人均可支配收入为1。" : string.Empty),
            $"资料来源：{(source.Count > 0 ? string.Join("；", source) : "数据仓库")}。各地自报数优先，未报送的以统计公报数补充。数据截至 {office.Display(now)}。",
        ];
    }

    private static decimal? Round(decimal? value, int decimals) =>
        value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero) : null;
}
