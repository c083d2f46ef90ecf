using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Ranking;

/// <summary>
/// The composite shared-prosperity index after the OECD/JRC Handbook on Constructing Composite
/// Indicators (2008). Counts and amounts (the indicators that may be summed: workshops, jobs, output)
/// enter per head, divided by the region's resident population (常住人口, per 10,000 residents), so
/// that the index compares how far prosperity reaches rather than how large a region is; per-capita
/// incomes and ratios enter as they are. Each indicator is then min-max normalised to 0-100 within
/// the peer group (lower-is-better indicators reversed, so 100 is always the best peer), and the
/// normalised scores are weighted and averaged. An indicator fewer than two peers have a value for
/// is left out of the group's index (a sole reporter would score 100 on it against nobody). A region
/// missing an indicator is scored on the indicators it has, their weights rescaled to sum to one
/// (available-case aggregation, no imputation), provided they carry at least
/// <see cref="CompositeIndexOptions.MinimumCoverage"/> of the total weight. No index is published for
/// a group with fewer than <see cref="CompositeIndexOptions.MinimumUnits"/> units with an index.
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
            return catalogue.Where(i => i.Kind != IndicatorKind.Target && !i.IsPopulation).Select(i => (i, 1m)).ToList();
        }

        var unknown = options.Weights.Keys.Where(k => !catalogue.Any(i => string.Equals(i.Code, k, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Index weights name unknown indicator(s): {string.Join(", ", unknown)}.", nameof(options));
        }

        var population = options.Weights.Keys.Where(k => catalogue.Any(i => i.IsPopulation && string.Equals(i.Code, k, StringComparison.OrdinalIgnoreCase))).ToList();
        if (population.Count > 0)
        {
            throw new ArgumentException($"Index weights name the population {population[0]}, which the counts are divided by, not an indicator of prosperity.", nameof(options));
        }

        if (options.Weights.Values.Any(w => w < 0) || options.Weights.Values.Sum() <= 0)
        {
            throw new ArgumentException("Index weights must not be negative and must not all be zero.", nameof(options));
        }

        return catalogue.Where(i => options.Weights.TryGetValue(i.Code, out var w) && w > 0).Select(i => (i, options.Weights[i.Code])).ToList();
    }

    /// <summary>Whether an indicator enters the index per head of <paramref name="population"/>: counts and amounts, which may be summed.</summary>
    public static bool EntersPerHead(Indicator indicator, Indicator? population)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return population is not null && !indicator.IsPopulation && indicator.MayBeSummed;
    }

    /// <summary>
    /// The value an indicator enters the index with: per 10,000 residents (<paramref name="population"/>
    /// is in 万人) for a count or amount, as it is otherwise; null when the value or a positive population is missing.
    /// </summary>
    public static decimal? ComponentValue(Indicator indicator, decimal? value, Indicator? population, decimal? populationValue) =>
        !EntersPerHead(indicator, population) ? value
        : value is { } v && populationValue is { } p && p > 0 ? v / p
        : null;

    /// <summary>The index of every member of a peer group; null for a member below the minimum coverage.</summary>
    /// <param name="members">The peers.</param>
    /// <param name="components">The weighted indicators.</param>
    /// <param name="valueOf">A member's value of an indicator.</param>
    /// <param name="minimumCoverage">The share of the weight a member needs values for.</param>
    /// <param name="population">The population counts and amounts are divided by (<see cref="ReferenceCatalog.Population"/>); null to take them as they are.</param>
    public static IReadOnlyDictionary<string, decimal?> Compute(IReadOnlyList<Region> members,
        IReadOnlyList<(Indicator Indicator, decimal Weight)> components, Func<Region, Indicator, decimal?> valueOf, decimal minimumCoverage,
        Indicator? population = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(valueOf);
        var totalWeight = components.Sum(c => c.Weight);
        var weighted = members.ToDictionary(m => m.Code, _ => (Sum: 0m, Weight: 0m), StringComparer.Ordinal);
        foreach (var (indicator, weight) in components)
        {
            var values = members
                .Select(m => (m.Code, Value: ComponentValue(indicator, valueOf(m, indicator), population, population is null ? null : valueOf(m, population))))
                .Where(x => x.Value is not null)
                .ToList();
            if (values.Count < 2)
            {
                // Nobody to compare with: a sole reporter would score 100 on it.
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
