using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>A group of regions compared with one another, with the region whose total is its reference.</summary>
/// <param name="Code">Stable key, e.g. <c>city:330000</c>, <c>county:330600</c>, <c>province-county:330000</c>.</param>
/// <param name="Level">The level of the members.</param>
/// <param name="NameZh">Chinese name, e.g. 绍兴市各县（市、区）.</param>
/// <param name="NameEn">English name.</param>
/// <param name="Parent">The region the members belong to (the province or the city); its value is the group's published total.</param>
/// <param name="Members">The regions compared, as valid in the period.</param>
public sealed record PeerGroup(string Code, PeerLevel Level, string NameZh, string NameEn, Region Parent, IReadOnlyList<Region> Members)
{
    /// <summary>The command-line and storage name of a level: city, county, province-county.</summary>
    public static string LevelName(PeerLevel level) => level switch
    {
        PeerLevel.City => "city",
        PeerLevel.County => "county",
        PeerLevel.ProvinceCounty => "province-county",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>Parses a level name; null when unknown.</summary>
    public static PeerLevel? ParseLevel(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "city" => PeerLevel.City,
        "county" => PeerLevel.County,
        "province-county" => PeerLevel.ProvinceCounty,
        _ => null,
    };

    /// <summary>The peer groups of a level among <paramref name="regions"/> (the regions valid in one period).</summary>
    public static IEnumerable<PeerGroup> Build(IReadOnlyList<Region> regions, PeerLevel level)
    {
        ArgumentNullException.ThrowIfNull(regions);
        var provinces = regions.Where(r => r.Level == RegionLevel.Province).ToList();
        switch (level)
        {
            case PeerLevel.City:
                foreach (var province in provinces)
                {
                    var cities = regions.Where(r => r.Level == RegionLevel.City && r.ParentCode == province.Code).ToList();
                    if (cities.Count > 0)
                    {
                        yield return new PeerGroup($"city:{province.Code}", level, $"{province.NameZh}各市", $"Cities of {province.NameEn}", province, cities);
                    }
                }

                break;
            case PeerLevel.County:
                foreach (var city in regions.Where(r => r.Level == RegionLevel.City))
                {
                    var members = regions.Where(r => r.Level == RegionLevel.County && r.ParentCode == city.Code).ToList();
                    if (members.Count > 0)
                    {
                        yield return new PeerGroup($"county:{city.Code}", level, $"{city.NameZh}各县（市、区）", $"County-level units of {city.NameEn}", city, members);
                    }

                    // Shown beside the city's units, never ranked among them: a functional area overlaps its host district.
                    var areas = regions.Where(r => r.Level == RegionLevel.FunctionalArea && r.ParentCode == city.Code).ToList();
                    if (areas.Count > 0)
                    {
                        yield return new PeerGroup($"functional-area:{city.Code}", level, $"{city.NameZh}功能区", $"Functional areas of {city.NameEn}", city, areas);
                    }
                }

                break;
            default:
                foreach (var province in provinces)
                {
                    var cityCodes = regions.Where(r => r.Level == RegionLevel.City && r.ParentCode == province.Code)
                        .Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
                    var members = regions.Where(r => r.Level == RegionLevel.County && r.ParentCode is { } p && cityCodes.Contains(p)).ToList();
                    if (members.Count > 0)
                    {
                        yield return new PeerGroup($"province-county:{province.Code}", level, $"{province.NameZh}各县（市、区）",
                            $"County-level units of {province.NameEn}", province, members);
                    }
                }

                break;
        }
    }
}
