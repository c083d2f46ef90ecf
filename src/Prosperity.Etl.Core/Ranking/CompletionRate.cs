using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>
/// The completion rate (完成率) of a planned target: what has been achieved (the target's
/// <see cref="Indicator.AchievedBy"/> indicator) over the target, in percent. A bureau reports a target
/// this way; the planned amount itself is never ranked, since the unit planning the most would come first.
/// </summary>
public static class CompletionRate
{
    /// <summary>The suffix of a completion rate's code: <c>YOUTH_STATIONS_PLANNED_RATE</c>.</summary>
    public const string CodeSuffix = "_RATE";

    /// <summary>
    /// The completion rate of <paramref name="target"/> as an indicator (%, higher is better, one
    /// decimal; numerator the achievement, denominator the target), or null when the target names no achievement.
    /// </summary>
    public static Indicator? For(Indicator target, Func<string, Indicator?> find)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(find);
        if (target.Kind != IndicatorKind.Target || target.AchievedBy is not { } code || find(code) is not { } achieved)
        {
            return null;
        }

        return new Indicator(target.Code + CodeSuffix, target.NameZh + "完成率", "Completion rate: " + achieved.NameEn + " / " + target.NameEn,
            "%", IndicatorKind.DerivedRatio, RankDirection.HigherIsBetter, 1, 0, 1000, achieved.Code, target.Code);
    }

    /// <summary>The rate in percent: 100 x achieved / target; null when either is missing or the target is zero.</summary>
    public static decimal? Of(decimal? achieved, decimal? target) =>
        achieved is { } a && target is { } t and not 0m ? 100m * a / t : null;
}
