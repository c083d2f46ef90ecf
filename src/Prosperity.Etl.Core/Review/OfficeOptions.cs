using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Review;

/// <summary>
/// The office the installation serves, bound from the <c>Office</c> section: <c>Office:Region</c>
/// (e.g. <c>330600</c> for Shaoxing's bureau, <c>330000</c> for the province's). Status, the
/// completeness page, templates and reports cover the office's own units; empty (the default) or a
/// province code means every unit of the catalogue.
/// </summary>
public sealed class OfficeOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Office";

    /// <summary>The office's region code; empty for every unit.</summary>
    public string? Region { get; set; }

    /// <summary>The jurisdiction over <paramref name="catalog"/>; a code the catalogue does not know is an error.</summary>
    public Jurisdiction Resolve(ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var code = Region?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return Jurisdiction.Everything(catalog);
        }

        var region = catalog.FindLatestRegion(code)
            ?? throw new ArgumentException($"Office:Region '{code}' is not a region code of the catalogue.");
        return new Jurisdiction(catalog, region);
    }
}

/// <summary>The units an office collects from: itself (a city reports too) and every unit below it.</summary>
public sealed class Jurisdiction
{
    private readonly ReferenceCatalog _catalog;

    internal Jurisdiction(ReferenceCatalog catalog, Region? office)
    {
        _catalog = catalog;
        Office = office;
    }

    /// <summary>The office's region; null for every unit of the catalogue.</summary>
    public Region? Office { get; }

    /// <summary>Every unit of the catalogue.</summary>
    public static Jurisdiction Everything(ReferenceCatalog catalog) => new(catalog, null);

    /// <summary>True when the office is a province's (or none is configured): every unit.</summary>
    public bool IsEverything => Office is null || Office.Level == RegionLevel.Province;

    /// <summary>True when <paramref name="code"/> is the office itself or a unit below it.</summary>
    public bool Includes(string? code)
    {
        if (IsEverything)
        {
            return true;
        }

        for (var r = code is null ? null : _catalog.FindLatestRegion(code); r is not null; r = r.ParentCode is null ? null : _catalog.FindLatestRegion(r.ParentCode))
        {
            if (string.Equals(r.Code, Office!.Code, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The units that report to the office in <paramref name="period"/>: cities, county-level units and functional areas inside it.</summary>
    public IReadOnlyList<Region> ReportingUnits(Period period) =>
        _catalog.Regions
            .Where(r => r.Level is RegionLevel.City or RegionLevel.County or RegionLevel.FunctionalArea)
            .Where(r => _catalog.FindRegion(r.Code, period) == r)
            .Where(r => Includes(r.Code))
            .ToList();

    /// <summary>For messages: 绍兴市 (330600), or "every unit".</summary>
    public override string ToString() => IsEverything ? (Office is { } o ? $"{o.NameZh} ({o.Code}): every unit" : "every unit") : $"{Office!.NameZh} {Office.NameEn} ({Office.Code})";
}
