using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Ranking;

/// <summary>A ranked peer group for one indicator.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Period">The period ranked.</param>
/// <param name="GroupNameZh">The peer group in Chinese, e.g. 绍兴市各县（市、区）.</param>
/// <param name="GroupNameEn">The peer group in English.</param>
/// <param name="Rows">Ranked rows, missing last.</param>
public sealed record RankingTable(Indicator Indicator, Period Period, string GroupNameZh, string GroupNameEn, IReadOnlyList<RankedValue> Rows)
{
    /// <summary>The peer group, when the table was built from one.</summary>
    public PeerGroup? Group { get; init; }

    /// <summary>The group's reference value: the parent region's published total, else the mean of the peers' values.</summary>
    public decimal? ReferenceValue { get; init; }

    /// <summary>
    /// True when <see cref="ReferenceValue"/> is the parent region's own published figure (the city's or
    /// the province's value of the indicator, which for a per-capita indicator is not a sum) rather than the mean.
    /// </summary>
    public bool ReferenceIsTotal { get; init; }

    /// <summary>What the reference is: <c>parent</c> (the parent region's published figure) or <c>mean</c> (of the ranked values).</summary>
    public string ReferenceKind => ReferenceIsTotal ? "parent" : "mean";

    /// <summary>The reference's Chinese label: 全省 or 全市 (the parent region's figure), or 平均 (the mean).</summary>
    public string ReferenceLabelZh => ReferenceIsTotal ? (Group?.Parent.Level == RegionLevel.Province ? "全省" : "全市") : "平均";

    /// <summary>The reference's English label: "Zhejiang (province figure)", "Shaoxing (city figure)" or "mean of the ranked".</summary>
    public string ReferenceLabelEn => ReferenceIsTotal && Group is { } g
        ? $"{g.Parent.NameEn} ({(g.Parent.Level == RegionLevel.Province ? "province" : "city")} figure)"
        : ReferenceIsTotal ? "parent region's figure" : "mean of the ranked";

    /// <summary>
    /// Why the table is not published (no rows): e.g. a composite index of a group with fewer than five
    /// units with values, in Chinese and English; null for a published table.
    /// </summary>
    public string? Withheld { get; init; }

    /// <summary>How many peers have a growth figure (a value now and a year earlier).</summary>
    public int GrowthPeerCount { get; init; }

    /// <summary>How many peers have no growth figure.</summary>
    public int GrowthMissing { get; init; }
}
