using System.Globalization;
using System.Text;
using System.Text.Json;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;
using Spectre.Console;

namespace Prosperity.Etl.Host.Output;

/// <summary>Writes ranking tables as a terminal table, CSV or JSON.</summary>
public static class RankingWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// One line per peer level of a refresh: its peer groups, tables, rows and how many rows are
    /// ranked, e.g. <c>county: 11 peer groups, 3,311 tables, 27,391 rows (27,090 ranked, 301 missing)</c>.
    /// </summary>
    public static void WriteRefreshSummary(TextWriter writer, IReadOnlyList<RankingTable> tables)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var level in Enum.GetValues<PeerLevel>())
        {
            var at = tables.Where(t => t.Group?.Level == level).ToList();
            var groups = at.Select(t => t.Group!.Code).Distinct(StringComparer.Ordinal).Count();
            var rows = at.Sum(t => t.Rows.Count);
            var ranked = at.Sum(t => t.Rows.Count(r => r.Rank is not null));
            var withheld = at.Count(t => t.Withheld is not null);
            var note = withheld == 0 ? string.Empty : $"; {withheld:N0} index table{(withheld == 1 ? string.Empty : "s")} not published (too few units with an index)";
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{PeerGroup.LevelName(level)}: {groups:N0} peer group{(groups == 1 ? string.Empty : "s")}, {at.Count - withheld:N0} tables, {rows:N0} rows ({ranked:N0} ranked, {rows - ranked:N0} missing){note}"));
        }
    }

    /// <summary>One table per indicator and peer group, with the "N of M, K missing" caption.</summary>
    public static void WriteTables(IAnsiConsole console, IReadOnlyList<RankingTable> tables)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(tables);
        foreach (var t in tables)
        {
            var i = t.Indicator;
            if (t.Withheld is { } withheld)
            {
                console.MarkupLine($"[bold]{Markup.Escape(i.NameZh)}[/] {Markup.Escape(i.NameEn)}, {Markup.Escape(t.GroupNameZh)} {Markup.Escape(t.GroupNameEn)}, {Markup.Escape(t.Period.LabelZh)} ({t.Period.Code}): {Markup.Escape(withheld)}");
                console.WriteLine();
                continue;
            }

            var table = new Table()
                .Title($"[bold]{Markup.Escape(i.NameZh)}[/] {Markup.Escape(i.NameEn)} ({Markup.Escape(i.Unit)})\n{Markup.Escape(t.GroupNameZh)} {Markup.Escape(t.GroupNameEn)}, {Markup.Escape(t.Period.LabelZh)} ({t.Period.Code})")
                .AddColumn(new TableColumn("排名 Rank").RightAligned())
                .AddColumn("代码 Code")
                .AddColumn("地区 Region")
                .AddColumn(new TableColumn("数值 Value").RightAligned());
            // Growth only when some peer has last year's figure, so the usual table fits 80 columns.
            var hasGrowth = t.Rows.Any(r => r.Growth is not null);
            if (hasGrowth)
            {
                table.AddColumn(new TableColumn("增长(位次) Growth (rank)").RightAligned());
            }

            foreach (var row in t.Rows)
            {
                var cells = new List<string>
                {
                    row.Rank is { } rank ? Markup.Escape($"{ChangeArrow(row.RankChange)} {rank.ToString(CultureInfo.InvariantCulture)}".Trim()) : "—",
                    Markup.Escape(row.Region.Code),
                    Markup.Escape($"{row.Region.NameZh} {row.Region.NameEn}"),
                    row.Rounded is { } v ? FormatValue(v, i) : "—",
                };
                if (hasGrowth)
                {
                    cells.Add(row.Growth is { } g ? $"{FormatGrowth(g, i)} ({row.GrowthRank?.ToString(CultureInfo.InvariantCulture)})" : "—");
                }

                table.AddRow(cells.ToArray());
            }

            var first = t.Rows.Count > 0 ? t.Rows[0] : null;
            var ranked = first?.PeerCount ?? 0;
            var missing = first?.Missing ?? 0;
            var direction = i.Direction == RankDirection.HigherIsBetter ? "higher is better" : "lower is better";
            var reference = t.ReferenceValue is { } rv
                ? $"; {t.ReferenceLabelZh} {t.ReferenceLabelEn} {FormatValue(Math.Round(rv, i.RankPrecision, MidpointRounding.AwayFromZero), i)}"
                : string.Empty;
            table.Caption($"{ranked} of {ranked + missing} ranked, {missing} missing; {direction}; ties at {i.RankPrecision} decimal(s){Markup.Escape(reference)}");
            console.Write(table);
            console.WriteLine();
        }
    }

    /// <summary>RFC 4180 CSV with a header row.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<RankingTable> tables)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("period,peer_group,indicator_code,region_code,region_name_zh,region_name_en,value,ranked_value,rank,peer_count,missing,growth,growth_rank,rank_change");
        foreach (var row in Flatten(tables))
        {
            writer.WriteLine(string.Join(',',
                Csv(row.Period), Csv(row.PeerGroup), Csv(row.IndicatorCode), Csv(row.RegionCode), Csv(row.RegionNameZh), Csv(row.RegionNameEn),
                Number(row.Value), Number(row.RankedValue), row.Rank?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                row.PeerCount.ToString(CultureInfo.InvariantCulture), row.Missing.ToString(CultureInfo.InvariantCulture),
                Number(row.Growth), row.GrowthRank?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                row.RankChange?.ToString(CultureInfo.InvariantCulture) ?? string.Empty));
        }
    }

    /// <summary>A JSON array of objects, one per region and indicator.</summary>
    public static void WriteJson(TextWriter writer, IReadOnlyList<RankingTable> tables)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine(JsonSerializer.Serialize(Flatten(tables).ToList(), JsonOptions));
    }

    /// <summary>The flat rows behind CSV and JSON.</summary>
    public static IEnumerable<RankingRow> Flatten(IReadOnlyList<RankingTable> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return tables.SelectMany(t => t.Rows.Select(r => new RankingRow(
            t.Period.Code, t.GroupNameEn, t.Indicator.Code, r.Region.Code, r.Region.NameZh, r.Region.NameEn,
            r.Value, r.Rounded, r.Rank, r.PeerCount, r.Missing,
            r.Growth is { } g ? Math.Round(g, GrowthDecimals(t.Indicator), MidpointRounding.AwayFromZero) : null, r.GrowthRank, r.RankChange,
            t.ReferenceValue is { } rv ? Math.Round(rv, t.Indicator.RankPrecision, MidpointRounding.AwayFromZero) : null,
            t.ReferenceValue is null ? null : t.ReferenceKind, t.ReferenceValue is null ? null : t.ReferenceLabelZh)));
    }

    /// <summary>The value at the indicator's ranking precision with thousands separators.</summary>
    public static string FormatValue(decimal value, Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return value.ToString("N" + indicator.RankPrecision.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Growth as published: "+6.2%" for a level, "-0.03" for a ratio.</summary>
    public static string FormatGrowth(decimal growth, Indicator indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        var rounded = Math.Round(growth, GrowthDecimals(indicator), MidpointRounding.AwayFromZero);
        var text = rounded.ToString("+0." + new string('0', Math.Max(1, GrowthDecimals(indicator))) + ";-0." + new string('0', Math.Max(1, GrowthDecimals(indicator))), CultureInfo.InvariantCulture);
        return GrowthMeasure.IsDifference(indicator) ? text : text + "%";
    }

    /// <summary>▲2 (up two places), ▼1, = (unchanged), or blank when there is no previous rank.</summary>
    public static string ChangeArrow(int? change) => change switch
    {
        null => string.Empty,
        > 0 => "▲" + change.Value.ToString(CultureInfo.InvariantCulture),
        < 0 => "▼" + (-change.Value).ToString(CultureInfo.InvariantCulture),
        _ => "=",
    };

    private static int GrowthDecimals(Indicator indicator) =>
        GrowthMeasure.RankingIndicator(indicator).RankPrecision;

    private static string Number(decimal? value) => value?.ToString("G29", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Csv(string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return string.Empty;
        }

        return s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}

/// <summary>One ranked value as exported (snake_case in JSON).</summary>
public sealed record RankingRow(
    [property: System.Text.Json.Serialization.JsonPropertyName("period")] string Period,
    [property: System.Text.Json.Serialization.JsonPropertyName("peer_group")] string PeerGroup,
    [property: System.Text.Json.Serialization.JsonPropertyName("indicator_code")] string IndicatorCode,
    [property: System.Text.Json.Serialization.JsonPropertyName("region_code")] string RegionCode,
    [property: System.Text.Json.Serialization.JsonPropertyName("region_name_zh")] string RegionNameZh,
    [property: System.Text.Json.Serialization.JsonPropertyName("region_name_en")] string RegionNameEn,
    [property: System.Text.Json.Serialization.JsonPropertyName("value")] decimal? Value,
    [property: System.Text.Json.Serialization.JsonPropertyName("ranked_value")] decimal? RankedValue,
    [property: System.Text.Json.Serialization.JsonPropertyName("rank")] int? Rank,
    [property: System.Text.Json.Serialization.JsonPropertyName("peer_count")] int PeerCount,
    [property: System.Text.Json.Serialization.JsonPropertyName("missing")] int Missing,
    [property: System.Text.Json.Serialization.JsonPropertyName("growth")] decimal? Growth = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("growth_rank")] int? GrowthRank = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("rank_change")] int? RankChange = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("reference_value")] decimal? ReferenceValue = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("reference_kind")] string? ReferenceKind = null,
    [property: System.Text.Json.Serialization.JsonPropertyName("reference_label")] string? ReferenceLabel = null);
