using System.Globalization;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Ranking;

/// <summary>
/// Builds peer groups from the region dimension as of the period and ranks the warehouse's current
/// values: level, growth against the same period last year, change in rank against the previous
/// quarter, and the composite index (<see cref="CompositeIndex"/>).
/// </summary>
public sealed class RankingService(IWarehouse warehouse, ReferenceCatalog catalog, CompositeIndexOptions? indexOptions = null)
{
    private readonly CompositeIndexOptions _indexOptions = indexOptions ?? new CompositeIndexOptions();

    /// <summary>
    /// Ranks every indicator and the composite index (or one indicator, or <c>SP_INDEX</c> for the
    /// index alone) among the peers of <paramref name="level"/> in <paramref name="period"/>.
    /// </summary>
    public async Task<IReadOnlyList<RankingTable>> RankAsync(Period period, PeerLevel level, string? indicatorCode, CancellationToken cancellationToken = default)
    {
        var (now, lastYear, previous) = await LoadAsync(period, cancellationToken);
        return Rank(period, level, indicatorCode, now, lastYear, previous);
    }

    /// <summary>
    /// Ranks every indicator and the composite index at every peer level of <paramref name="period"/>,
    /// from one read of the values: what <c>rank --refresh</c>, the nightly refresh and <c>report</c> show.
    /// </summary>
    public async Task<IReadOnlyList<RankingTable>> RankAllLevelsAsync(Period period, CancellationToken cancellationToken = default)
    {
        var (now, lastYear, previous) = await LoadAsync(period, cancellationToken);
        return Enum.GetValues<PeerLevel>().SelectMany(level => Rank(period, level, null, now, lastYear, previous)).ToList();
    }

    /// <summary>The values of the period (with the growth bulletins published for it), the same period last year and the previous quarter.</summary>
    public async Task<(PeriodValues Now, PeriodValues LastYear, PeriodValues Previous)> LoadAsync(Period period, CancellationToken cancellationToken = default)
    {
        var now = new PeriodValues(await warehouse.GetCurrentValuesAsync(period, null, cancellationToken),
            await warehouse.GetPublishedGrowthAsync(period, cancellationToken));
        var lastYear = new PeriodValues(await warehouse.GetCurrentValuesAsync(period.SameQuarterLastYear, null, cancellationToken));
        var previous = new PeriodValues(await warehouse.GetCurrentValuesAsync(period.Previous, null, cancellationToken));
        return (now, lastYear, previous);
    }

    /// <summary>Ranks values already loaded (the benchmark and the materialiser call this directly).</summary>
    public IReadOnlyList<RankingTable> Rank(Period period, PeerLevel level, string? indicatorCode, PeriodValues now, PeriodValues lastYear, PeriodValues previous)
    {
        ArgumentNullException.ThrowIfNull(now);
        ArgumentNullException.ThrowIfNull(lastYear);
        ArgumentNullException.ThrowIfNull(previous);
        var wantIndex = indicatorCode is null || string.Equals(indicatorCode, CompositeIndex.Code, StringComparison.OrdinalIgnoreCase);
        IReadOnlyList<Indicator> indicators = indicatorCode is null
            ? catalog.Indicators
            : wantIndex
                ? []
                : [FindMeasure(indicatorCode) ?? throw new ArgumentException($"Unknown indicator code '{indicatorCode}'.", nameof(indicatorCode))];

        // The population is a size, not an achievement: stored and shown, never ranked. A planned
        // target is ranked by its completion rate (完成率), never by the amount planned.
        if (indicators.Any(i => i.IsPopulation) && indicatorCode is not null)
        {
            throw new ArgumentException($"{indicatorCode} is the resident population, which is not ranked; the composite index puts counts per head of it.", nameof(indicatorCode));
        }

        indicators = indicators.Where(i => !i.IsPopulation).Select(i => i.Kind == IndicatorKind.Target ? CompletionRate.For(i, catalog.FindIndicator) : i).OfType<Indicator>().ToList();
        var components = wantIndex ? CompositeIndex.Components(catalog.Indicators, _indexOptions) : [];

        var tables = new List<RankingTable>();
        foreach (var group in PeerGroups(period, level))
        {
            if (!group.Members.Any(m => now.Reporting.Contains(m.Code)))
            {
                continue;
            }

            foreach (var indicator in indicators)
            {
                if (group.Members.All(m => now.ValueOf(m.Code, indicator) is null))
                {
                    continue;
                }

                tables.Add(PeerComparison.Compare(indicator, period, group,
                    r => now.ValueOf(r.Code, indicator), r => lastYear.ValueOf(r.Code, indicator), r => previous.ValueOf(r.Code, indicator),
                    r => now.PublishedGrowthOf(r.Code, indicator)));
            }

            if (wantIndex && components.Count > 0)
            {
                var indexNow = IndexOf(group, components, now);
                var withIndex = indexNow.Values.Count(v => v is not null);
                var reporting = group.Members.Count(m => now.Reporting.Contains(m.Code));
                if (withIndex < _indexOptions.MinimumUnits)
                {
                    // An index among fewer units says little (one alone always scores 100): say so, publish nothing.
                    tables.Add(new RankingTable(CompositeIndex.Indicator, period, group.NameZh, group.NameEn, [])
                    {
                        Group = group,
                        Withheld = string.Create(CultureInfo.InvariantCulture,
                            $"不发布：可计算综合指数的单位{withIndex}个（报送数据{reporting}个），少于{_indexOptions.MinimumUnits}个。 Not published: {withIndex} unit(s) with an index ({reporting} reporting), fewer than {_indexOptions.MinimumUnits}."),
                    });
                }
                else
                {
                    var indexLastYear = IndexOf(group, components, lastYear);
                    var indexPrevious = IndexOf(group, components, previous);
                    tables.Add(PeerComparison.Compare(CompositeIndex.Indicator, period, group,
                        r => indexNow.GetValueOrDefault(r.Code), r => indexLastYear.GetValueOrDefault(r.Code), r => indexPrevious.GetValueOrDefault(r.Code)));
                }
            }
        }

        return tables;
    }

    // An indicator code, or a target's completion rate by its own code (YOUTH_STATIONS_PLANNED_RATE).
    private Indicator? FindMeasure(string code) =>
        catalog.FindIndicator(code)
        ?? (code.EndsWith(CompletionRate.CodeSuffix, StringComparison.OrdinalIgnoreCase)
            && catalog.FindIndicator(code[..^CompletionRate.CodeSuffix.Length]) is { } target
                ? CompletionRate.For(target, catalog.FindIndicator)
                : null);

    /// <summary>The peer groups of a level as of the period.</summary>
    public IEnumerable<PeerGroup> PeerGroups(Period period, PeerLevel level) =>
        PeerGroup.Build(catalog.RegionsDuring(period).ToList(), level);

    private IReadOnlyDictionary<string, decimal?> IndexOf(PeerGroup group, IReadOnlyList<(Indicator, decimal)> components, PeriodValues values) =>
        CompositeIndex.Compute(group.Members, components, (r, i) => values.ValueOf(r.Code, i), _indexOptions.MinimumCoverage, catalog.Population);
}
