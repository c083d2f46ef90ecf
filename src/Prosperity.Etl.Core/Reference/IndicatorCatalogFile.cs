using System.Security.Cryptography;
using System.Text;
using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Reference;

/// <summary>
/// A province's own indicators beyond the headline catalogue: a tab-separated file with the columns
/// of the embedded <c>indicators.tsv</c>, named by configuration (<c>Reference:IndicatorsFile</c>).
/// The extended catalogue validates, loads and ranks those indicators like the headline ones, and
/// its version covers the file so the warehouse re-seeds when the file changes.
/// </summary>
public static class IndicatorCatalogFile
{
    /// <summary>The configuration key naming the additional indicators file.</summary>
    public const string ConfigurationKey = "Reference:IndicatorsFile";

    /// <summary>
    /// The catalogue with the indicators of the file at <paramref name="path"/> appended.
    /// Throws <see cref="InvalidDataException"/> naming the file and line for a malformed file.
    /// </summary>
    public static ReferenceCatalog WithIndicatorsFile(this ReferenceCatalog catalog, string path)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return catalog.WithIndicators(File.ReadAllText(path, Encoding.UTF8), Path.GetFileName(path));
    }

    /// <summary>The catalogue with the indicators of <paramref name="text"/> (an indicators TSV) appended.</summary>
    public static ReferenceCatalog WithIndicators(this ReferenceCatalog catalog, string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(text);
        List<Indicator> extra;
        try
        {
            extra = ReferenceCatalog.ParseIndicators(text);
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or InvalidOperationException or OverflowException)
        {
            throw new InvalidDataException($"{sourceName}: not an indicators file with the columns of indicators.tsv ({ex.Message}).", ex);
        }

        var known = new HashSet<string>(catalog.Indicators.Select(i => i.Code), StringComparer.OrdinalIgnoreCase);
        foreach (var indicator in extra)
        {
            if (!known.Add(indicator.Code))
            {
                throw new InvalidDataException($"{sourceName}: indicator {indicator.Code} is already in the catalogue.");
            }

            if (indicator.IsPopulation && catalog.Population is { } population)
            {
                throw new InvalidDataException($"{sourceName}: indicator {indicator.Code} is a population, but the catalogue has one already ({population.Code}).");
            }

            if (indicator.PlausibleMin >= indicator.PlausibleMax)
            {
                throw new InvalidDataException($"{sourceName}: indicator {indicator.Code} has min {indicator.PlausibleMin} not below max {indicator.PlausibleMax}.");
            }
        }

        foreach (var indicator in extra)
        {
            foreach (var reference in new[] { indicator.Numerator, indicator.Denominator, indicator.PartOf, indicator.AchievedBy })
            {
                if (reference is not null && !known.Contains(reference))
                {
                    throw new InvalidDataException($"{sourceName}: indicator {indicator.Code} refers to unknown indicator {reference}.");
                }
            }
        }

        var version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(catalog.Version + "\n" + text)))[..16];
        return new ReferenceCatalog(catalog.Regions, [.. catalog.Indicators, .. extra], version);
    }
}
