using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Ranking;

/// <summary>A ranked peer group for one indicator.</summary>
/// <param name="Indicator">The indicator.</param>
/// <param name="Period">The period ranked.</param>
/// <param name="GroupNameZh">The peer group in Chinese, e.g. 绍兴市各县（市、区）.</param>
/// <param name="GroupNameEn">The peer group in English.</param>
/// <param name="Rows">Ranked rows, missing last.</param>
public sealed record RankingTable(Indicator Indicator, Period Period, string GroupNameZh, string GroupNameEn, IReadOnlyList<RankedValue> Rows);

/// <summary>The level of the peers to rank.</summary>
public enum PeerLevel
{
    /// <summary>The cities of the province.</summary>
    City,

    /// <summary>The county-level units (and functional areas) of each city.</summary>
    County,
}

/// <summary>
/// Builds peer groups from the region dimension as of the period and ranks the warehouse's
/// current values. A derived ratio that was not reported is computed from its two parts.
/// </summary>
public sealed class RankingService(IWarehouse warehouse, ReferenceCatalog catalog)
{
    /// <summary>Ranks every indicator (or one) among the peers of <paramref name="level"/> in <paramref name="period"/>.</summary>
    public async Task<IReadOnlyList<RankingTable>> RankAsync(Period period, PeerLevel level, string? indicatorCode, CancellationToken cancellationToken = default)
    {
        var indicators = indicatorCode is null
            ? catalog.Indicators
            : [catalog.FindIndicator(indicatorCode) ?? throw new ArgumentException($"Unknown indicator code '{indicatorCode}'.", nameof(indicatorCode))];

        var current = await warehouse.GetCurrentValuesAsync(period, null, cancellationToken);
        var values = current.ToDictionary(v => (v.RegionCode, v.IndicatorCode), v => v.Value);
        var reporting = current.Select(v => v.RegionCode).ToHashSet(StringComparer.Ordinal);

        var tables = new List<RankingTable>();
        foreach (var (nameZh, nameEn, members) in PeerGroups(period, level))
        {
            if (!members.Any(m => reporting.Contains(m.Code)))
            {
                continue;
            }

            foreach (var indicator in indicators)
            {
                var peers = members.Select(r => new PeerValue(r, ValueOf(values, r.Code, indicator))).ToList();
                if (peers.All(p => p.Value is null))
                {
                    continue;
                }

                tables.Add(new RankingTable(indicator, period, nameZh, nameEn, PeerRanker.Rank(indicator, peers)));
            }
        }

        return tables;
    }

    /// <summary>The peer groups of a level as of the period.</summary>
    public IEnumerable<(string NameZh, string NameEn, IReadOnlyList<Region> Members)> PeerGroups(Period period, PeerLevel level)
    {
        var valid = catalog.RegionsDuring(period).ToList();
        if (level == PeerLevel.City)
        {
            foreach (var province in valid.Where(r => r.Level == RegionLevel.Province))
            {
                yield return ($"{province.NameZh}各市", $"Cities of {province.NameEn}",
                    valid.Where(r => r.Level == RegionLevel.City && r.ParentCode == province.Code).ToList());
            }

            yield break;
        }

        foreach (var city in valid.Where(r => r.Level == RegionLevel.City))
        {
            var members = valid.Where(r => r.IsCountyLevel && r.ParentCode == city.Code).ToList();
            if (members.Count > 0)
            {
                yield return ($"{city.NameZh}各县（市、区）", $"County-level units of {city.NameEn}", members);
            }
        }
    }

    private static decimal? ValueOf(Dictionary<(string, string), decimal?> values, string region, Indicator indicator)
    {
        if (values.TryGetValue((region, indicator.Code), out var v) && v is not null)
        {
            return v;
        }

        if (indicator is { Kind: IndicatorKind.DerivedRatio, Numerator: { } num, Denominator: { } den }
            && values.GetValueOrDefault((region, num)) is { } a
            && values.GetValueOrDefault((region, den)) is { } b and not 0m)
        {
            return a / b;
        }

        return null;
    }
}
