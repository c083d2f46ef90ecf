using System.Globalization;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

/// <summary>
/// Compares the ranks a bulletin prints (位次 columns and rank rows) with the ranks of the table's own
/// figures among its regions of the same level, ranked as <see cref="PeerRanker"/> ranks them (the
/// indicator's direction and ranking precision, competition ranks). A printed rank anywhere within a
/// tie is accepted (two cities tied at 2nd may be printed 2 and 3); any other is a warning at the cell.
/// </summary>
public static class PublishedRankCheck
{
    /// <summary>A warning for each published rank that disagrees with the rank of the table's figures.</summary>
    public static IReadOnlyList<ValidationIssue> Check(string path, BulletinTable table, ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(catalog);
        var issues = new List<ValidationIssue>();
        foreach (var byIndicator in table.Ranks.GroupBy(r => r.IndicatorCode, StringComparer.Ordinal))
        {
            var ofGrowth = byIndicator.Key.EndsWith("_GROWTH", StringComparison.Ordinal);
            var baseCode = ofGrowth ? byIndicator.Key[..^"_GROWTH".Length] : byIndicator.Key;
            if (catalog.FindIndicator(baseCode) is not { } indicator)
            {
                continue;
            }

            var source = ofGrowth ? table.Growth : table.Figures;
            var rankingIndicator = ofGrowth ? GrowthMeasure.RankingIndicator(indicator) : indicator;
            foreach (var level in byIndicator.GroupBy(r => r.Region.Level))
            {
                // The peers: the table's regions of the ranked region's level (the province total is never ranked).
                var peers = source.Where(f => f.Indicator.Code == indicator.Code && f.Region.Level == level.Key)
                    .DistinctBy(f => f.Region.Code).Select(f => new PeerValue(f.Region, f.Value)).ToList();
                if (peers.Count < 2)
                {
                    continue;
                }

                var ranked = PeerRanker.Rank(rankingIndicator, peers).Where(r => r.Rank is not null).ToList();
                foreach (var published in level)
                {
                    if (ranked.FirstOrDefault(r => r.Region.Code == published.Region.Code) is not { Rank: { } ours } mine)
                    {
                        continue;
                    }

                    var tied = ranked.Count(r => r.Rank == ours);
                    if (published.Rank >= ours && published.Rank <= ours + tied - 1)
                    {
                        continue;
                    }

                    var expected = tied > 1 ? $"{ours}-{ours + tied - 1}" : ours.ToString(CultureInfo.InvariantCulture);
                    var what = ofGrowth ? "增速" : string.Empty;
                    var whatEn = ofGrowth ? "growth of " : string.Empty;
                    issues.Add(Rules.PublishedRankDisagrees.At(path, published.Location, published.Rank.ToString(CultureInfo.InvariantCulture), expected,
                        $"{published.Region.NameZh}{indicator.NameZh}{what}公布位次为第{published.Rank}位，按表中数值（{mine.Rounded}）应为第{expected}位。",
                        $"{published.Region.NameEn}'s published rank on {whatEn}{indicator.NameEn} is {published.Rank}; the table's figures ({mine.Rounded}) rank it {expected}."));
                }
            }
        }

        return issues;
    }

    /// <summary>The most a published growth may differ from the growth of the two levels, in percentage points.</summary>
    public const decimal GrowthTolerance = 0.1m;

    /// <summary>
    /// A warning for each published growth that differs by more than <see cref="GrowthTolerance"/>
    /// points from the growth of the table's level over <paramref name="lastYear"/>'s (the current
    /// values of the same period a year earlier); none where either level is missing.
    /// </summary>
    public static IReadOnlyList<ValidationIssue> CheckGrowth(string path, BulletinTable table, PeriodValues lastYear)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(lastYear);
        var issues = new List<ValidationIssue>();
        var levels = table.Figures.GroupBy(f => (f.Region.Code, f.Indicator.Code)).ToDictionary(x => x.Key, x => x.First().Value);
        foreach (var g in table.Growth)
        {
            if (!levels.TryGetValue((g.Region.Code, g.Indicator.Code), out var now)
                || GrowthMeasure.Of(g.Indicator, now, lastYear.ValueOf(g.Region.Code, g.Indicator)) is not { } computed)
            {
                continue;
            }

            var rounded = Math.Round(computed, 2, MidpointRounding.AwayFromZero);
            if (Math.Abs(computed - g.Value) <= GrowthTolerance)
            {
                continue;
            }

            var text = rounded.ToString("0.0#", CultureInfo.InvariantCulture);
            issues.Add(Rules.PublishedGrowthDisagrees.At(path, g.Location, g.Value.ToString(CultureInfo.InvariantCulture), text + "%",
                $"{g.Region.NameZh}{g.Indicator.NameZh}公布增长{g.Value}%，按上年同期数值算得{text}%（相差超过{GrowthTolerance}个百分点）；排名采用公布的增速。",
                $"{g.Region.NameEn}'s published growth of {g.Indicator.NameEn} is {g.Value}%, the two levels give {text}% (more than {GrowthTolerance} points apart); growth is ranked on the published figure."));
        }

        return issues;
    }
}
