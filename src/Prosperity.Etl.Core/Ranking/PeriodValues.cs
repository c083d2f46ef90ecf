using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;

namespace Prosperity.Etl.Ranking;

/// <summary>
/// The current values of one period, looked up by region and indicator. A derived ratio that was
/// not reported is computed from its two parts.
/// </summary>
public sealed class PeriodValues
{
    private readonly Dictionary<(string Region, string Indicator), decimal?> _values;

    /// <summary>Indexes <paramref name="values"/>; for a duplicate region and indicator the first non-blank value is kept.</summary>
    public PeriodValues(IEnumerable<CurrentValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = [];
        foreach (var v in values)
        {
            // A region's own return wins over a bulletin figure (the warehouse already filters); a value wins over a blank.
            if (!_values.TryGetValue((v.RegionCode, v.IndicatorCode), out var existing) || existing is null)
            {
                _values[(v.RegionCode, v.IndicatorCode)] = v.Value;
            }
            if (v.Value is not null)
            {
                Reporting.Add(v.RegionCode);
            }
        }
    }

    private readonly Dictionary<(string Region, string Indicator), decimal> _growth = [];

    /// <summary>Indexes <paramref name="values"/> and the growth bulletins published for the period (percent).</summary>
    public PeriodValues(IEnumerable<CurrentValue> values, IEnumerable<CurrentValue> publishedGrowth)
        : this(values)
    {
        ArgumentNullException.ThrowIfNull(publishedGrowth);
        foreach (var g in publishedGrowth)
        {
            if (g.Value is { } v)
            {
                _growth.TryAdd((g.RegionCode, g.IndicatorCode), v);
            }
        }
    }

    /// <summary>The growth a bulletin published for the region and indicator (percent), or null.</summary>
    public decimal? PublishedGrowthOf(string regionCode, Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return _growth.TryGetValue((regionCode, indicator.Code), out var g) ? g : null;
    }

    /// <summary>No values at all.</summary>
    public static PeriodValues Empty { get; } = new([]);

    /// <summary>The regions with at least one value.</summary>
    public HashSet<string> Reporting { get; } = new(StringComparer.Ordinal);

    /// <summary>The value of <paramref name="indicator"/> for the region, or null when not available.</summary>
    public decimal? ValueOf(string regionCode, Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        if (_values.TryGetValue((regionCode, indicator.Code), out var v) && v is not null)
        {
            return v;
        }

        if (indicator is { Kind: IndicatorKind.DerivedRatio, Numerator: { } num, Denominator: { } den }
            && _values.GetValueOrDefault((regionCode, num)) is { } a
            && _values.GetValueOrDefault((regionCode, den)) is { } b and not 0m)
        {
            // A percentage (a target's completion rate) is 100 x the ratio.
            return indicator.Unit == "%" ? CompletionRate.Of(a, b) : a / b;
        }

        return null;
    }
}
