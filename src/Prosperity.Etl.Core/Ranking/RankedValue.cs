using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>One region's place among its peers.</summary>
/// <param name="Region">The region.</param>
/// <param name="Value">The value as stored, or null when not available.</param>
/// <param name="Rounded">The value rounded to the indicator's ranking precision.</param>
/// <param name="Rank">Standard competition rank (1224), or null when the value is missing.</param>
/// <param name="PeerCount">How many peers have a value (the "of N").</param>
/// <param name="Missing">How many peers have no value.</param>
public sealed record RankedValue(Region Region, decimal? Value, decimal? Rounded, int? Rank, int PeerCount, int Missing)
{
    /// <summary>
    /// Growth against the same cumulative period a year earlier: percent for levels, the difference
    /// in the indicator's unit for ratios and percentages (see <see cref="GrowthMeasure"/>); null when either value is missing.
    /// </summary>
    public decimal? Growth { get; init; }

    /// <summary>The rank of <see cref="Growth"/> among the peers that have one, in the indicator's direction.</summary>
    public int? GrowthRank { get; init; }

    /// <summary>The rank in the previous quarter, or null when the region was not ranked then.</summary>
    public int? PreviousRank { get; init; }

    /// <summary>Places gained since the previous quarter (previous rank minus rank: +2 moved up two places); null when either rank is missing.</summary>
    public int? RankChange => Rank is { } now && PreviousRank is { } before ? before - now : null;
}
