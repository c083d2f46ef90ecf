using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>
/// Growth against the same cumulative period a year earlier (2025 Q1-Q3 against 2024 Q1-Q3), as
/// official tables publish it: a level (income, output, a count) grows by a percentage ("增长6.2%");
/// a ratio or a percentage changes by a difference in its own unit ("缩小0.03"), since a percent
/// change of a ratio is not what anyone reads.
/// </summary>
public static class GrowthMeasure
{
    /// <summary>Decimal places a percentage growth is ranked at (published as 6.2%).</summary>
    public const int PercentPrecision = 1;

    /// <summary>True when the indicator's growth is a difference rather than a percentage.</summary>
    public static bool IsDifference(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return indicator.Kind == IndicatorKind.DerivedRatio || indicator.Unit is "%" or "ratio";
    }

    /// <summary>The growth of <paramref name="now"/> over <paramref name="lastYear"/>; null when either is missing or a percentage has a zero base.</summary>
    public static decimal? Of(Indicator indicator, decimal? now, decimal? lastYear)
    {
        if (now is not { } n || lastYear is not { } b)
        {
            return null;
        }

        if (IsDifference(indicator))
        {
            return n - b;
        }

        return b == 0 ? null : ((n / b) - 1m) * 100m;
    }

    /// <summary>
    /// The indicator growth is ranked as: the same direction (a falling urban-rural ratio ranks first),
    /// at one decimal for a percentage and at the indicator's precision for a difference.
    /// </summary>
    public static Indicator RankingIndicator(Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return IsDifference(indicator)
            ? indicator with { Code = indicator.Code + "_GROWTH" }
            : indicator with { Code = indicator.Code + "_GROWTH", Unit = "%", RankPrecision = PercentPrecision, Kind = IndicatorKind.DerivedRatio };
    }
}
