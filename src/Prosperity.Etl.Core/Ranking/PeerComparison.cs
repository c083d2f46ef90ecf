using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>
/// Compares one peer group on one indicator in one period: the rank of the level, the growth against
/// the same period last year and its rank, the change in rank against the previous quarter, and the
/// group's reference value (the parent region's published total, else the mean of the peers).
/// </summary>
public static class PeerComparison
{
    /// <summary>Builds the ranking table of <paramref name="group"/> on <paramref name="indicator"/>.</summary>
    /// <param name="indicator">The indicator.</param>
    /// <param name="period">The period ranked.</param>
    /// <param name="group">The peers.</param>
    /// <param name="current">A region's value in <paramref name="period"/>.</param>
    /// <param name="lastYear">A region's value in the same quarter a year earlier.</param>
    /// <param name="previous">A region's value in the previous quarter.</param>
    /// <param name="publishedGrowth">
    /// A region's growth as a bulletin printed it (comparable basis), which is used where it exists
    /// in place of the growth computed from the two levels.
    /// </param>
    public static RankingTable Compare(Indicator indicator, Period period, PeerGroup group,
        Func<Region, decimal?> current, Func<Region, decimal?> lastYear, Func<Region, decimal?> previous,
        Func<Region, decimal?>? publishedGrowth = null)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(lastYear);
        ArgumentNullException.ThrowIfNull(previous);

        var levels = group.Members.Select(r => new PeerValue(r, current(r))).ToList();
        var ranked = PeerRanker.Rank(indicator, levels);

        var growthPeers = group.Members.Select(r => new PeerValue(r, publishedGrowth?.Invoke(r) ?? GrowthMeasure.Of(indicator, current(r), lastYear(r)))).ToList();
        var growthRanks = PeerRanker.Rank(GrowthMeasure.RankingIndicator(indicator), growthPeers)
            .ToDictionary(g => g.Region.Code, StringComparer.Ordinal);

        // A change in rank means something only among the same ranked peers: when a region joined or
        // left the ranking since the previous quarter, every place shifts for no reason of its own.
        var previousValues = group.Members.Select(r => new PeerValue(r, previous(r))).ToList();
        var sameRanked = previousValues.Select(p => p.Value is not null).SequenceEqual(levels.Select(l => l.Value is not null));
        var previousRanks = PeerRanker.Rank(indicator, previousValues)
            .ToDictionary(p => p.Region.Code, p => sameRanked ? p.Rank : null, StringComparer.Ordinal);

        var rows = ranked.Select(r => r with
        {
            Growth = growthRanks[r.Region.Code].Value,
            GrowthRank = growthRanks[r.Region.Code].Rank,
            PreviousRank = previousRanks[r.Region.Code],
        }).ToList();

        var growthRanked = growthPeers.Count(g => g.Value is not null);
        var total = current(group.Parent);
        var values = levels.Where(l => l.Value is not null).Select(l => l.Value!.Value).ToList();
        return new RankingTable(indicator, period, group.NameZh, group.NameEn, rows)
        {
            Group = group,
            ReferenceValue = total ?? (values.Count > 0 ? values.Average() : null),
            ReferenceIsTotal = total is not null,
            GrowthPeerCount = growthRanked,
            GrowthMissing = growthPeers.Count - growthRanked,
        };
    }
}
