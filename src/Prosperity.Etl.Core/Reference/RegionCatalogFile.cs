using System.Security.Cryptography;
using System.Text;
using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Reference;

/// <summary>
/// Regions beyond the shipped catalogue (other provinces, their cities and county-level units): a
/// tab-separated file with the columns of the embedded <c>regions.tsv</c>, named by configuration
/// (<c>Reference:RegionsFile</c>). The warehouse seeds them into the region dimension like the
/// shipped ones, and the catalogue's version covers the file so a changed file re-seeds.
/// </summary>
public static class RegionCatalogFile
{
    /// <summary>The configuration key naming the additional regions file.</summary>
    public const string ConfigurationKey = "Reference:RegionsFile";

    /// <summary>The catalogue with the regions of the file at <paramref name="path"/> appended; <see cref="InvalidDataException"/> names the file and the row for a malformed one.</summary>
    public static ReferenceCatalog WithRegionsFile(this ReferenceCatalog catalog, string path)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return catalog.WithRegions(File.ReadAllText(path, Encoding.UTF8), Path.GetFileName(path));
    }

    /// <summary>The catalogue with the regions of <paramref name="text"/> (a regions TSV) appended.</summary>
    public static ReferenceCatalog WithRegions(this ReferenceCatalog catalog, string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(text);
        List<Region> extra;
        try
        {
            extra = ReferenceCatalog.ParseRegions(text);
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{sourceName}: not a regions file with the columns of regions.tsv ({ex.Message}).", ex);
        }

        var known = new HashSet<(string, DateOnly)>(catalog.Regions.Select(r => (r.Code.ToUpperInvariant(), r.ValidFrom)));
        var codes = new HashSet<string>(catalog.Regions.Select(r => r.Code), StringComparer.OrdinalIgnoreCase);
        foreach (var region in extra)
        {
            if (!known.Add((region.Code.ToUpperInvariant(), region.ValidFrom)))
            {
                throw new InvalidDataException($"{sourceName}: region {region.Code} from {region.ValidFrom:yyyy-MM-dd} is already in the catalogue.");
            }

            codes.Add(region.Code);
        }

        foreach (var region in extra)
        {
            if (region.Level != RegionLevel.Province && (region.ParentCode is null || !codes.Contains(region.ParentCode)))
            {
                throw new InvalidDataException($"{sourceName}: region {region.Code} ({region.NameZh}) names parent {region.ParentCode ?? "(none)"}, which is not a region of the catalogue.");
            }
        }

        var version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(catalog.Version + "\nregions\n" + text)))[..16];
        return new ReferenceCatalog([.. catalog.Regions, .. extra], catalog.Indicators, version);
    }
}
