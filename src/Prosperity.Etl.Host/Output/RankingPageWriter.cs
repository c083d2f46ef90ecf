using System.Text;
using System.Text.Json;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;

namespace Prosperity.Etl.Host.Output;

/// <summary>
/// The rankings page: period, peer-group, indicator and region pickers, the ranking table with growth
/// and its rank, a bar chart of the peers with the chosen region highlighted, and the chosen region's
/// rank over time. One template and one script serve both forms: the self-contained file of
/// <c>prosperity report --html</c> (Chart.js, the script and the data inlined) and the page of
/// <c>prosperity serve</c> at <c>/rankings</c> (Chart.js and the script served by the product, the
/// data read from <c>/api/rankings/page</c>), so both show the same.
/// </summary>
public static class RankingPageWriter
{
    /// <summary>Writes the page for <paramref name="period"/>; <paramref name="tables"/> holds its tables and those of earlier quarters (the history).</summary>
    public static void Write(Period period, IReadOnlyList<RankingTable> tables, IReadOnlyList<string> notes, string path,
        IReadOnlyDictionary<string, string>? publication = null)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, Render(period, tables, notes, publication), new UTF8Encoding(false));
    }

    /// <summary>The self-contained page's HTML (what <see cref="Write"/> writes).</summary>
    public static string Render(Period period, IReadOnlyList<RankingTable> tables, IReadOnlyList<string> notes,
        IReadOnlyDictionary<string, string>? publication = null)
    {
        // The default encoder escapes <, > and & (and non-ASCII), so data can never close the script element.
        var json = JsonSerializer.Serialize(PageData(period, tables, notes, publication));
        var scripts = new StringBuilder()
            .Append("<script>\n").Append(Resource(ChartScript)).Append("\n</script>\n")
            .Append("<script>\nwindow.PROSPERITY_RANKINGS = ").Append(json).Append(";\n</script>\n")
            .Append("<script>\n").Append(Resource(PageScript, PagePrefix)).Append("</script>\n")
            .ToString();
        return Template()
            .Replace("<!--CSP-->", "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">", StringComparison.Ordinal)
            .Replace("{{SOURCE}}", string.Empty, StringComparison.Ordinal)
            .Replace("<!--NAV-->", string.Empty, StringComparison.Ordinal)
            .Replace("<!--SCRIPTS-->", scripts, StringComparison.Ordinal);
    }

    /// <summary>
    /// The served page's HTML: the scripts by URL under <paramref name="basePath"/> (the server's
    /// content-security policy allows only its own), the data from <paramref name="dataUrl"/>, and a
    /// navigation line of (text, URL) links.
    /// </summary>
    public static string RenderServed(string basePath, string dataUrl, IReadOnlyList<(string Text, string Url)> navigation)
    {
        ArgumentNullException.ThrowIfNull(navigation);
        var enc = System.Text.Encodings.Web.HtmlEncoder.Default;
        var nav = new StringBuilder("<nav class=\"top\">");
        foreach (var (text, url) in navigation)
        {
            nav.Append("<a href=\"").Append(enc.Encode(url)).Append("\">").Append(enc.Encode(text)).Append("</a>");
        }

        nav.Append("</nav>");
        var scripts = $"<script src=\"{enc.Encode(basePath + "/" + ChartScript)}\"></script>\n<script src=\"{enc.Encode(basePath + "/" + PageScript)}\"></script>\n";
        return Template()
            .Replace("<!--CSP-->", string.Empty, StringComparison.Ordinal)
            .Replace("{{SOURCE}}", enc.Encode(dataUrl), StringComparison.Ordinal)
            .Replace("<!--NAV-->", nav.ToString(), StringComparison.Ordinal)
            .Replace("<!--SCRIPTS-->", scripts, StringComparison.Ordinal);
    }

    /// <summary>The file name of the vendored Chart.js as the server serves it.</summary>
    public const string ChartScript = "chart.umd.min.js";

    /// <summary>The file name of the page's own script as the server serves it.</summary>
    public const string PageScript = "rankings-page.js";

    /// <summary>A script the server serves beside the page (<see cref="ChartScript"/> or <see cref="PageScript"/>), or null.</summary>
    public static string? Script(string name) => name switch
    {
        ChartScript => Resource(ChartScript),
        PageScript => Resource(PageScript, PagePrefix),
        _ => null,
    };

    /// <summary>
    /// The page's data: periods, indicators with their units and precisions, one row per ranked value,
    /// the notes, and per period code the publication mark shown above the table
    /// (<see cref="PublicationMarks"/>: published as release N, or provisional, and what waits for review).
    /// </summary>
    public static object PageData(Period period, IReadOnlyList<RankingTable> tables, IReadOnlyList<string> notes,
        IReadOnlyDictionary<string, string>? publication = null)
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

        // Tables not published (the composite index of a group of fewer than five units): no rows, the reason instead.
        var withheld = tables.Where(t => t.Withheld is not null).Select(t => new
        {
            period = t.Period.Code,
            group = t.Group?.Code ?? t.GroupNameEn,
            group_name = $"{t.GroupNameZh} {t.GroupNameEn}",
            indicator_code = t.Indicator.Code,
            reason = t.Withheld,
        }).ToList();

        return new
        {
            period = period.Code,
            subtitle = $"{period.LabelZh} ({period.Code})",
            periods = periods.Select(p => new { code = p.Code, label = $"{p.LabelZh} {p.Code}" }),
            indicators,
            rows,
            withheld,
            notes,
            publication = publication ?? new Dictionary<string, string>(),
            region = (string?)null,
        };
    }

    private const string PagePrefix = "Prosperity.Etl.Host.Output.";

    private static string Template() =>
        Resource("rankings-page.html", PagePrefix)
            .Replace("/*LICENSE*/", Resource("chart.js.LICENSE.md").Replace("--", "- -", StringComparison.Ordinal), StringComparison.Ordinal);

    private static string Resource(string name, string prefix = "Prosperity.Etl.Host.vendor.")
    {
        var assembly = typeof(RankingPageWriter).Assembly;
        using var stream = assembly.GetManifestResourceStream(prefix + name)
            ?? throw new InvalidOperationException($"Resource {prefix}{name} is not embedded in {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
