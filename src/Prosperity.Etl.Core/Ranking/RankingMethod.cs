namespace Prosperity.Etl.Ranking;

/// <summary>The ranking method in a few sentences, printed on the report's notes sheet and the rankings page (docs/rankings.md has the full text).</summary>
public static class RankingMethod
{
    /// <summary>One paragraph per line, Chinese then English.</summary>
    public static IReadOnlyList<string> Notes { get; } =
    [
        "排名采用标准竞争排名（1、2、2、4）：先按指标的排名精度四舍五入，再比较是否并列。城乡居民收入比越低越好，其余指标越高越好。没有数据的地区不参与排名，单独计数（如“7个中6个参与排名，缺1个”）。",
        "Ranks are standard competition ranks (1, 2, 2, 4). Values are rounded to the indicator's ranking precision before ties are decided (1.647 and 1.645 tie at two decimals, not at three). The urban-rural income ratio ranks low to high; other indicators high to low. Regions without a value are left out and counted as missing.",
        "增长为与上年同期（同一累计期）相比：收入、产值、数量等按增长百分比（保留1位小数）排名；比率和综合指数按差值排名。上年同期无数据的地区不参与增长排名。位次变化为与上一季度相比上升（▲）或下降（▼）的位次。",
        "Growth is against the same cumulative period of the previous year: a percentage (ranked at one decimal) for levels, the difference for ratios and the index. Regions without last year's value are left out of the growth ranking. The change in rank compares with the previous quarter: ▲ moved up, ▼ moved down, = unchanged.",
        "参照值：上级地区有公布数的，取全省或全市数（标“全省”“全市”；人均指标是全省、全市的人均数，不是合计）；没有的，取参与排名地区的算术平均（标“平均”）。",
        "Reference value: the parent region's published figure (labelled 全省 province or 全市 city figure; for a per-capita indicator it is the province's or city's own per-capita figure, not a sum) where there is one, else the mean of the ranked peers (labelled 平均 mean).",
        "共同富裕综合指数按OECD/JRC《构建综合指标手册》(2008)：数量和金额类指标（工坊数、就业人数、产值等）先除以常住人口（每万人），人均收入和比率直接使用；各指标在同组内按最小-最大法标准化为0-100（越低越好的指标反向），按配置的权重（默认等权）加权平均。同组内少于2个地区有数值的指标不计入。缺少部分指标的地区按其已有指标计算、权重重新归一，已有指标权重合计须达到最低覆盖率（默认50%），否则不计算指数、计为缺失。有指数的地区少于5个的比较组不发布指数和排名。",
        "The composite shared-prosperity index follows the OECD/JRC Handbook on Constructing Composite Indicators (2008): counts and amounts (workshops, jobs, output) are first divided by the resident population (per 10,000 residents), per-capita incomes and ratios enter as they are; each indicator is min-max normalised to 0-100 within the peer group (lower-is-better indicators reversed), then weighted (equal weights unless configured) and averaged. An indicator fewer than two peers report is left out. A region missing some indicators is scored on those it has, with their weights rescaled, if they carry at least the minimum coverage of the weight (50% by default); otherwise its index is missing. No index or rank is published for a peer group with fewer than 5 units with an index.",
    ];
}
