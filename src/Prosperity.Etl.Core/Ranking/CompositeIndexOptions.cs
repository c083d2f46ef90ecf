using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>Which indicators make up the composite index and how a missing value is treated (section <c>Index</c>).</summary>
public sealed class CompositeIndexOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Index";

    /// <summary>Indicator code to weight. Empty: every indicator of the catalogue except planned targets, weighted equally.</summary>
    public Dictionary<string, decimal> Weights { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The share of the total weight a region must have values for to get an index (default 0.5).
    /// Below it the region's index is missing, counted like any missing value.
    /// </summary>
    public decimal MinimumCoverage { get; init; } = 0.5m;

    /// <summary>
    /// The fewest units with an index a peer group needs for its index to be published and ranked
    /// (default 5): min-max scores among two or three units say little, and one unit alone always scores 100.
    /// </summary>
    public int MinimumUnits { get; init; } = 5;
}
