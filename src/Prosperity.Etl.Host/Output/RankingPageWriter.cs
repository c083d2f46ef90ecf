using System.Text;
using System.Text.Json;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;

namespace Prosperity.Etl.Host.Output;

/// <summary>
/// Writes the static rankings page: one self-contained HTML file (Chart.js inlined, data as JSON)
/// with period, peer-group, indicator and region pickers, the ranking table, a bar chart of the peers
/// with the chosen region highlighted, and the chosen region's rank over time.
/// </summary>
public static class RankingPageWriter
{
    /// <summary>Writes the page for <paramref name="period"/>; <paramref name="tables"/> holds its tables and those of earlier quarters (the history).</summary>
    public static void Write(Period period, IReadOnlyList<RankingTable> tables, IReadOnlyList<string> notes, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, Render(period, tables, notes), new UTF8Encoding(false));
    }

    /// <summary>The page's HTML.</summary>
    public static string Render(Period period, IReadOnlyList<RankingTable> tables, IReadOnlyList<string> notes)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(notes);
        var periods = tables.Select(t => t.Period).Append(period).Distinct().OrderDescending().ToList();
        var indicators = tables.Select(t => t.Indicator).DistinctBy(i => i.Code).ToDictionary(i => i.Code, i =>
        {
            var growth = GrowthMeasure.RankingIndicator(i);
            return new
            {
                name = $"{i.NameZh} {i.NameEn}",
                unit = i.Unit,
                precision = i.RankPrecision,
                growth_precision = growth.RankPrecision,
                growth_percent = !GrowthMeasure.IsDifference(i),
                direction = i.Direction == RankDirection.HigherIsBetter ? "higher is better 越高越好" : "lower is better 越低越好",
            };
        });
        var rows = tables.SelectMany(t => t.Rows.Select(r => new
        {
            period = t.Period.Code,
            group = t.Group?.Code ?? t.GroupNameEn,
            group_name = $"{t.GroupNameZh} {t.GroupNameEn}",
            indicator_code = t.Indicator.Code,
            region_code = r.Region.Code,
            region_name_zh = r.Region.NameZh,
            region_name_en = r.Region.NameEn,
            value = r.Rounded,
            rank = r.Rank,
            peer_count = r.PeerCount,
            missing = r.Missing,
            growth = r.Growth is { } g ? Math.Round(g, GrowthMeasure.RankingIndicator(t.Indicator).RankPrecision, MidpointRounding.AwayFromZero) : (decimal?)null,
            growth_rank = r.GrowthRank,
            rank_change = r.RankChange,
        })).ToList();

        var data = new
        {
            period = period.Code,
            subtitle = $"{period.LabelZh} ({period.Code})",
            periods = periods.Select(p => new { code = p.Code, label = $"{p.LabelZh} {p.Code}" }),
            indicators,
            rows,
            notes,
            region = (string?)null,
        };

        // The default encoder escapes <, > and & (and non-ASCII), so data can never close the script element.
        var json = JsonSerializer.Serialize(data);
        return Resource("rankings-page.html", typeof(RankingPageWriter).Namespace + ".")
            .Replace("/*CHARTJS*/", Resource("chart.umd.min.js"), StringComparison.Ordinal)
            .Replace("/*LICENSE*/", Resource("chart.js.LICENSE.md").Replace("--", "- -", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("/*DATA*/", json, StringComparison.Ordinal);
    }

    private static string Resource(string name, string prefix = "Prosperity.Etl.Host.vendor.")
    {
        var assembly = typeof(RankingPageWriter).Assembly;
        using var stream = assembly.GetManifestResourceStream(prefix + name)
            ?? throw new InvalidOperationException($"Resource {prefix}{name} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
