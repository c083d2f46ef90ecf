using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>
/// The composite shared-prosperity index after the OECD/JRC Handbook on Constructing Composite
/// Indicators (2008): each indicator is min-max normalised to 0-100 within the peer group
/// (lower-is-better indicators reversed, so 100 is always the best peer), the normalised scores are
/// weighted and averaged. A region missing an indicator is scored on the indicators it has, their
/// weights rescaled to sum to one (available-case aggregation, no imputation), provided they carry at
/// least <see cref="CompositeIndexOptions.MinimumCoverage"/> of the total weight.
/// </summary>
public static class CompositeIndex
{
    /// <summary>The code the index is ranked and stored under.</summary>
    public const string Code = "SP_INDEX";

    /// <summary>The index as an indicator: 0-100, higher is better, ranked at one decimal, changes compared as differences.</summary>
    public static Indicator Indicator { get; } = new(Code, "共同富裕综合指数", "Shared-prosperity composite index", "分",
        IndicatorKind.DerivedRatio, RankDirection.HigherIsBetter, 1, 0, 100);

    /// <summary>The weighted indicators for <paramref name="options"/>, in catalogue order.</summary>
    public static IReadOnlyList<(Indicator Indicator, decimal Weight)> Components(IReadOnlyList<Indicator> catalogue, CompositeIndexOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Weights.Count == 0)
        {
            return catalogue.Where(i => i.Kind != IndicatorKind.Target).Select(i => (i, 1m)).ToList();
        }

        var unknown = options.Weights.Keys.Where(k => !catalogue.Any(i => string.Equals(i.Code, k, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Index weights name unknown indicator(s): {string.Join(", ", unknown)}.", nameof(options));
        }

        if (options.Weights.Values.Any(w => w < 0) || options.Weights.Values.Sum() <= 0)
        {
            throw new ArgumentException("Index weights must not be negative and must not all be zero.", nameof(options));
        }

        return catalogue.Where(i => options.Weights.TryGetValue(i.Code, out var w) && w > 0).Select(i => (i, options.Weights[i.Code])).ToList();
    }

    /// <summary>The index of every member of a peer group; null for a member below the minimum coverage.</summary>
    /// <param name="members">The peers.</param>
    /// <param name="components">The weighted indicators.</param>
    /// <param name="valueOf">A member's value of an indicator.</param>
    /// <param name="minimumCoverage">The share of the weight a member needs values for.</param>
    public static IReadOnlyDictionary<string, decimal?> Compute(IReadOnlyList<Region> members,
        IReadOnlyList<(Indicator Indicator, decimal Weight)> components, Func<Region, Indicator, decimal?> valueOf, decimal minimumCoverage)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(valueOf);
        var totalWeight = components.Sum(c => c.Weight);
        var weighted = members.ToDictionary(m => m.Code, _ => (Sum: 0m, Weight: 0m), StringComparer.Ordinal);
        foreach (var (indicator, weight) in components)
        {
            var values = members.Select(m => (m.Code, Value: valueOf(m, indicator))).Where(x => x.Value is not null).ToList();
            if (values.Count == 0)
            {
                continue;
            }

            var min = values.Min(v => v.Value!.Value);
            var max = values.Max(v => v.Value!.Value);
            foreach (var (code, value) in values)
            {
                var score = Normalise(value!.Value, min, max, indicator.Direction);
                var (sum, w) = weighted[code];
                weighted[code] = (sum + (score * weight), w + weight);
            }
        }

        return weighted.ToDictionary(
            kv => kv.Key,
            kv => totalWeight > 0 && kv.Value.Weight > 0 && kv.Value.Weight / totalWeight >= minimumCoverage
                ? kv.Value.Sum / kv.Value.Weight
                : (decimal?)null,
            StringComparer.Ordinal);
    }

    /// <summary>
    /// Min-max to 0-100: the best peer scores 100 and the worst 0 whichever the direction. When every
    /// peer has the same value the indicator does not discriminate and each scores 100.
    /// </summary>
    public static decimal Normalise(decimal value, decimal min, decimal max, RankDirection direction)
    {
        if (max == min)
        {
            return 100m;
        }

        var share = direction == RankDirection.HigherIsBetter ? (value - min) / (max - min) : (max - value) / (max - min);
        return share * 100m;
    }
}
