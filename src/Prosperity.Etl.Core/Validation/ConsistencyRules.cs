using System.Globalization;

namespace Prosperity.Etl.Validation;

/// <summary>
/// Consistency between the values of one submission: the urban-rural ratio against the two incomes
/// (CON001), rural income above urban income (CON002), a part above its total (CON004). The check
/// against the warehouse's earlier quarter (CON003) is in <see cref="HistoryRules"/>.
/// </summary>
public static class ConsistencyRules
{
    /// <summary>The issues between the values of <paramref name="facts"/>.</summary>
    public static IEnumerable<ValidationIssue> Check(string file, IReadOnlyList<FactValue> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var byCode = facts.Where(f => f.Value is not null).ToDictionary(f => f.Indicator.Code, StringComparer.OrdinalIgnoreCase);
        foreach (var ratio in facts.Where(f => f.Indicator.Numerator is not null && f.Indicator.Denominator is not null))
        {
            var indicator = ratio.Indicator;
            if (!byCode.TryGetValue(indicator.Numerator!, out var n) || !byCode.TryGetValue(indicator.Denominator!, out var d) || d.Value is not > 0m)
            {
                continue;
            }

            // A ratio that is at least 1 by definition (urban over rural) makes a larger denominator suspicious.
            if (indicator.PlausibleMin >= 1m && d.Value > n.Value)
            {
                yield return Rules.RuralAboveUrban.At(file, d.Location, Show(d.Value), $"at most {Show(n.Value)} ({n.Location.Cell})",
                    $"{d.Indicator.NameZh}高于{n.Indicator.NameZh}（{n.Location.Cell}），请核实或在说明栏说明。",
                    $"{d.Indicator.NameEn} is above {n.Indicator.NameEn} ({n.Location.Cell}); check it or explain it in the explanation column.");
            }

            if (ratio.Value is not { } reported)
            {
                continue;
            }

            var exact = n.Value!.Value / d.Value.Value;

            // Half a unit of the last published decimal: 1.55 stands for anything in [1.545, 1.555].
            var tolerance = 0.5m / Pow10(indicator.RankPrecision);
            if (Math.Abs(reported - exact) > tolerance + 0.000_000_1m)
            {
                var expected = Math.Round(exact, indicator.RankPrecision, MidpointRounding.AwayFromZero);
                yield return Rules.RatioDisagrees.At(file, ratio.Location, Show(reported), Show(expected),
                    $"{indicator.NameZh}应为{n.Location.Cell}÷{d.Location.Cell}＝{Show(expected)}，填报为{Show(reported)}。",
                    $"{indicator.NameEn} should be {n.Location.Cell} / {d.Location.Cell} = {Show(expected)}; the return gives {Show(reported)}.");
            }
        }

        foreach (var fact in byCode.Values)
        {
            var indicator = fact.Indicator;
            if (indicator.PartOf is { } totalCode && byCode.TryGetValue(totalCode, out var total) && fact.Value > total.Value)
            {
                yield return Rules.PartAboveTotal.At(file, fact.Location, Show(fact.Value), $"at most {Show(total.Value)} ({total.Location.Cell})",
                    $"{indicator.NameZh}是{total.Indicator.NameZh}（{total.Location.Cell}）的一部分，不能大于它。",
                    $"{indicator.NameEn} is part of {total.Indicator.NameEn} ({total.Location.Cell}) and cannot exceed it.");
            }
        }
    }

    internal static string Show(decimal? value) => value?.ToString("G29", CultureInfo.InvariantCulture) ?? "—";

    private static decimal Pow10(int n)
    {
        var r = 1m;
        for (var i = 0; i < n; i++)
        {
            r *= 10m;
        }

        return r;
    }
}
