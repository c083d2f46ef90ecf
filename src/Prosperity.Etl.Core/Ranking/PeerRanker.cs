using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>
/// Ranks peers on one indicator the way official tables do: standard competition ranking ("1224"),
/// in the indicator's direction, on values rounded to its ranking precision (so 1.647 and 1.645 tie
/// at two decimals and not at three). Regions without a value are left out of the ranking and
/// counted as missing.
/// </summary>
public static class PeerRanker
{
    /// <summary>Ranks <paramref name="peers"/> on <paramref name="indicator"/>; the result is in rank order, missing last.</summary>
    public static IReadOnlyList<RankedValue> Rank(Indicator indicator, IEnumerable<PeerValue> peers)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(peers);

        var all = peers.ToList();
        var withValue = all
            .Where(p => p.Value is not null)
            .Select(p => (Peer: p, Rounded: Math.Round(p.Value!.Value, indicator.RankPrecision, MidpointRounding.AwayFromZero)))
            .ToList();
        var missing = all.Count - withValue.Count;

        var ordered = indicator.Direction == RankDirection.HigherIsBetter
            ? withValue.OrderByDescending(x => x.Rounded)
            : withValue.OrderBy(x => x.Rounded);

        var result = new List<RankedValue>(all.Count);
        var position = 0;
        decimal? previous = null;
        var rank = 0;
        foreach (var (peer, rounded) in ordered.ThenBy(x => x.Peer.Region.Code, StringComparer.Ordinal))
        {
            position++;
            if (previous != rounded)
            {
                rank = position;
                previous = rounded;
            }

            result.Add(new RankedValue(peer.Region, peer.Value, rounded, rank, withValue.Count, missing));
        }

        result.AddRange(all
            .Where(p => p.Value is null)
            .OrderBy(p => p.Region.Code, StringComparer.Ordinal)
            .Select(p => new RankedValue(p.Region, null, null, null, withValue.Count, missing)));
        return result;
    }
}
