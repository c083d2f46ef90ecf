namespace Prosperity.Etl.Domain;

/// <summary>An entry of the indicator catalogue.</summary>
/// <param name="Code">Stable code used in workbooks and the warehouse.</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Unit">Catalogue unit (元, 万元, 亿元, 人, 个, 条, ratio, %).</param>
/// <param name="Kind">Flow, stock, derived ratio or target.</param>
/// <param name="Direction">Ranking direction.</param>
/// <param name="RankPrecision">Decimal places values are rounded to before ties are decided.</param>
/// <param name="PlausibleMin">Smallest plausible value in the catalogue unit.</param>
/// <param name="PlausibleMax">Largest plausible value in the catalogue unit.</param>
/// <param name="Numerator">For a derived ratio, the indicator divided.</param>
/// <param name="Denominator">For a derived ratio, the indicator divided by.</param>
/// <param name="PartOf">For a part of another indicator (same unit), the total it may not exceed.</param>
/// <param name="Required">Whether every return must give a figure for it (the catalogue's <c>required</c> column): a return without one is refused, never stored as a version that would replace a real one.</param>
/// <param name="Summable">Whether the figures of regions may be added up (counts, amounts); false for per-capita incomes and ratios, whose parent figure is not a sum.</param>
/// <param name="AchievedBy">For a planned target, the indicator that measures what has been achieved against it; rankings show the completion rate (完成率), never the target.</param>
/// <param name="IsPopulation">The resident population (常住人口, the catalogue's <c>role</c> <c>population</c>): the size the composite index divides counts and amounts by; stored and shown, never ranked.</param>
public sealed record Indicator(
    string Code,
    string NameZh,
    string NameEn,
    string Unit,
    IndicatorKind Kind,
    RankDirection Direction,
    int RankPrecision,
    decimal PlausibleMin,
    decimal PlausibleMax,
    string? Numerator = null,
    string? Denominator = null,
    string? PartOf = null,
    string? AchievedBy = null,
    bool? Summable = null,
    bool Required = false,
    bool IsPopulation = false)
{
    /// <summary>Whether the figures of regions may be added up: the catalogue's <c>summable</c> column, else counts and 万元/亿元 amounts.</summary>
    public bool MayBeSummed => Summable ?? (IsCount || Unit is "万元" or "亿元");

    /// <summary>True for counts of people or things, which can never be negative.</summary>
    public bool IsCount => Unit is "人" or "个" or "条" or "万人";
}
