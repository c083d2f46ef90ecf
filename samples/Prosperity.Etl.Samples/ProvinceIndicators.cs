using System.Globalization;
using System.Text;
using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Samples;

/// <summary>
/// A province catalogue beyond the 19 headline indicators: monitoring themes (consumption, jobs,
/// village collective income, care, pensions, tourism...) each broken down by area and population
/// group, as a provincial monitoring system publishes them. Written as an indicators file the
/// product takes from <c>Reference:IndicatorsFile</c>.
/// </summary>
public static class ProvinceIndicators
{
    /// <summary>The file name the generator writes the indicators to, next to the workbooks.</summary>
    public const string FileName = "province-indicators.tsv";

    /// <summary>A monitoring theme: its typical county value in Q1-Q3 (catalogue unit) and whether its breakdowns add up.</summary>
    internal sealed record Theme(string Key, string NameZh, string NameEn, string Unit, IndicatorKind Kind, RankDirection Direction, int Precision, decimal CountyValue)
    {
        /// <summary>Counts and amounts add up over areas and groups; per-capita levels and percentages do not.</summary>
        public bool IsAdditive => Unit is "人" or "个" or "万元" or "亿元" or "万人";
    }

    /// <summary>A breakdown: the share of the total (additive themes) or the relative level (the others).</summary>
    internal sealed record Group(string Key, string NameZh, string NameEn, decimal Share, decimal Level);

    internal static readonly Theme[] Themes =
    [
        new("CONS_PC", "居民人均消费支出", "Per-capita consumption expenditure", "元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 0, 31_000m),
        new("LOWINC_PC", "低收入农户人均可支配收入", "Low-income rural households' per-capita income", "元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 0, 15_600m),
        new("WAGE_PC", "城镇非私营单位平均工资", "Average wage in urban non-private units", "元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 0, 86_000m),
        new("JOBS_NEW", "城镇新增就业人数", "New urban jobs", "人", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 0, 9_200m),
        new("TRAINING", "职业技能培训人次", "Vocational skills training participants", "人", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 0, 12_500m),
        new("COLLECTIVE_INC", "村级集体经济总收入", "Village collective economy income", "万元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 1, 42_000m),
        new("ONLINE_FARM", "农产品网络零售额", "Online retail sales of farm products", "万元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 1, 83_000m),
        new("TOURISM_VISITS", "乡村旅游接待人次", "Rural tourism visitors", "万人", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 1, 310m),
        new("TOURISM_REV", "乡村旅游经营收入", "Rural tourism revenue", "万元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 1, 61_000m),
        new("INVEST", "固定资产投资额", "Fixed-asset investment", "亿元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 1, 210m),
        new("RETAIL", "社会消费品零售总额", "Retail sales of consumer goods", "亿元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 1, 260m),
        new("LIVELIHOOD_SPEND", "民生支出", "Public spending on people's livelihood", "亿元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 1, 58m),
        new("WORKSHOPS_NEW", "新建共富工坊数", "New shared-prosperity workshops", "个", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 0, 34m),
        new("RENTAL_HOMES", "保障性租赁住房筹集套数", "Affordable rental homes raised", "个", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 0, 1_600m),
        new("FAMILY_DOCTOR", "家庭医生签约人数", "Residents with a family doctor", "人", IndicatorKind.Stock, RankDirection.HigherIsBetter, 0, 260_000m),
        new("PENSION", "城乡居民基本养老保险参保人数", "Residents in the basic pension scheme", "人", IndicatorKind.Stock, RankDirection.HigherIsBetter, 0, 205_000m),
        new("CARE_BEDS", "养老机构床位数", "Beds in elderly-care institutions", "个", IndicatorKind.Stock, RankDirection.HigherIsBetter, 0, 4_100m),
        new("KINDERGARTEN", "普惠性幼儿园在园幼儿数", "Children in public-benefit kindergartens", "人", IndicatorKind.Stock, RankDirection.HigherIsBetter, 0, 15_800m),
        new("WELFARE_POSTS", "村级公益性岗位数", "Village public-welfare posts", "个", IndicatorKind.Stock, RankDirection.HigherIsBetter, 0, 820m),
        new("SEWAGE_VILLAGES", "生活污水治理行政村数", "Villages with sewage treatment", "个", IndicatorKind.Stock, RankDirection.HigherIsBetter, 0, 190m),
        new("HEALTH_INS", "基本医疗保险参保率", "Basic medical insurance coverage", "%", IndicatorKind.Stock, RankDirection.HigherIsBetter, 1, 96.5m),
        new("UNEMPLOYMENT", "城镇调查失业率", "Surveyed urban unemployment rate", "%", IndicatorKind.Stock, RankDirection.LowerIsBetter, 2, 4.6m),
        new("ENGEL_RURAL", "农村居民恩格尔系数", "Rural Engel coefficient", "%", IndicatorKind.Stock, RankDirection.LowerIsBetter, 1, 29.5m),
        new("BROADBAND", "千兆宽带家庭普及率", "Households with gigabit broadband", "%", IndicatorKind.Stock, RankDirection.HigherIsBetter, 1, 41m),
    ];

    internal static readonly Group[] Groups =
    [
        new("ALL", "全域", "all areas", 1m, 1m),
        new("URB", "城镇", "urban", 0.62m, 1.12m),
        new("RUR", "农村", "rural", 0.38m, 0.82m),
        new("MTN", "山区乡镇", "mountain towns", 0.14m, 0.76m),
        new("ISL", "海岛乡镇", "island towns", 0.04m, 0.9m),
        new("VIL", "重点帮扶村", "target villages", 0.09m, 0.68m),
        new("WOM", "女性", "women", 0.48m, 0.96m),
        new("YTH", "青年（18-35岁）", "youth aged 18-35", 0.27m, 1.04m),
        new("OLD", "60岁以上", "aged 60 and over", 0.24m, 0.74m),
        new("LOW", "低收入群体", "low-income group", 0.06m, 0.52m),
        new("NEW", "新市民", "new urban residents", 0.19m, 0.92m),
        new("DIS", "残疾人", "people with disabilities", 0.02m, 0.58m),
    ];

    /// <summary>The code of a theme broken down by a group.</summary>
    internal static string Code(Theme theme, Group group) => $"P_{theme.Key}_{group.Key}";

    /// <summary>The first <paramref name="count"/> province indicators (at most 288), themes in order, each with its breakdowns.</summary>
    public static IReadOnlyList<Indicator> Build(int count)
    {
        var list = new List<Indicator>(count);
        foreach (var theme in Themes)
        {
            foreach (var group in Groups)
            {
                if (list.Count == count)
                {
                    return list;
                }

                list.Add(Indicator(theme, group));
            }
        }

        return list;
    }

    private static Indicator Indicator(Theme theme, Group group)
    {
        var isPercent = theme.Unit == "%";
        var typical = theme.IsAdditive ? theme.CountyValue * group.Share : theme.CountyValue * group.Level;
        var (min, max) = isPercent ? (0m, 100m) : theme.IsAdditive ? (0m, Round(typical * 60m)) : (Round(typical * 0.1m), Round(typical * 6m));
        var part = theme.IsAdditive && group.Key != "ALL" ? Code(theme, Groups[0]) : null;
        var suffixZh = group.Key == "ALL" ? string.Empty : $"（{group.NameZh}）";
        var suffixEn = group.Key == "ALL" ? string.Empty : $" ({group.NameEn})";
        return new Indicator(Code(theme, group), theme.NameZh + suffixZh, theme.NameEn + suffixEn, theme.Unit, theme.Kind, theme.Direction,
            theme.Precision, min, Math.Max(max, min + 1), PartOf: part);
    }

    private static decimal Round(decimal d) => d < 10 ? Math.Round(d, 2) : Math.Round(d, 0);

    /// <summary>The indicators as a file in the columns of the embedded indicators.tsv.</summary>
    public static string ToTsv(IEnumerable<Indicator> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var text = new StringBuilder();
        text.AppendLine("# A province's monitoring indicators beyond the headline catalogue (columns as in indicators.tsv).");
        text.AppendLine("code\tname_zh\tname_en\tunit\tkind\tdirection\tprecision\tmin\tmax\tnumerator\tdenominator\tpart_of");
        foreach (var i in indicators)
        {
            text.AppendLine(string.Join('\t',
                i.Code, i.NameZh, i.NameEn, i.Unit, Reference.ReferenceCatalog.KindName(i.Kind),
                i.Direction == RankDirection.LowerIsBetter ? "lower" : "higher",
                i.RankPrecision.ToString(CultureInfo.InvariantCulture),
                i.PlausibleMin.ToString(CultureInfo.InvariantCulture), i.PlausibleMax.ToString(CultureInfo.InvariantCulture),
                i.Numerator ?? string.Empty, i.Denominator ?? string.Empty, i.PartOf ?? string.Empty));
        }

        return text.ToString();
    }
}
