using System.Globalization;
using System.Text;
using System.Text.Json;
using Prosperity.Etl.Import.Completeness;
using Spectre.Console;

namespace Prosperity.Etl.Host.Output;

/// <summary>
/// Writes the completeness matrix: a terminal table, aligned plain text, CSV (one line per region
/// and quarter) or one JSON document. Dates are shown in China time, as the offices read them.
/// </summary>
public static class CompletenessWriter
{
    private const int LabelWidth = 14;
    private const int CellWidth = 11;


    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>The legend under the table, one line per mark.</summary>
    public static IReadOnlyList<string> Legend { get; } =
    [
        "✓ accepted 已接收            !n accepted with n warnings 有警告",
        "?  waiting for review, not counted 待审核      ↩ returned by the reviewer 审核退回      * a revision waits behind the current version",
        "✗n rejected: no accepted version; n errors in the latest attempt 未通过校验",
        "· missing 未报送             – region did not exist in the quarter 不适用",
        "↻ resubmitted, earlier versions superseded 已更正   dates: received, MM-dd, China time; +nd: n days after the due date 迟报",
    ];

    /// <summary>A cell as shown in the table: the mark, the warning or error count, the date received.</summary>
    public static string CellText(CompletenessCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var count = cell.State switch
        {
            CompletenessState.AcceptedWithWarnings => cell.WarningCount.ToString(CultureInfo.InvariantCulture),
            CompletenessState.Rejected => cell.ErrorCount.ToString(CultureInfo.InvariantCulture),
            _ => string.Empty,
        };
        var date = cell.ReceivedAt is { } at ? " " + at.ToOffset(Domain.Period.ChinaOffset).ToString("MM-dd", CultureInfo.InvariantCulture) : string.Empty;
        var late = cell.DaysLate is > 0 ? string.Create(CultureInfo.InvariantCulture, $" +{cell.DaysLate}d") : string.Empty;
        return CompletenessMarks.Mark(cell.State) + count + (cell.SupersededCount > 0 ? CompletenessMarks.Superseded : string.Empty)
            + (cell.HasPendingRevision ? CompletenessMarks.RevisionPending : string.Empty) + date + late;
    }

    /// <summary>A Spectre table (colours by state, one section per city), the totals and the legend.</summary>
    public static void WriteTable(IAnsiConsole console, CompletenessMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(matrix);
        var table = new Table().Title($"[bold]报送情况 Completeness[/] {Span(matrix)}").AddColumn("地区 Region");
        foreach (var p in matrix.Periods)
        {
            table.AddColumn(new TableColumn(p.Code));
        }

        var previousRows = 0;
        foreach (var group in matrix.Groups)
        {
            // A blank line sets off a city with units under it; cities alone stay together.
            if (table.Rows.Count > 0 && (group.Rows.Count > 1 || previousRows > 1))
            {
                table.AddEmptyRow();
            }

            previousRows = group.Rows.Count;

            foreach (var row in group.Rows)
            {
                var indent = row.Region.Code == group.City.Code ? string.Empty : "  ";
                var label = $"{indent}{row.Region.Code} {row.Region.NameZh}";
                table.AddRow([Markup.Escape(label), .. row.Cells.Select(c => $"[{Colour(c.State)}]{Markup.Escape(CellText(c))}[/]")]);
            }
        }

        table.AddEmptyRow();
        foreach (var (label, value) in TotalLines())
        {
            table.AddRow([$"[bold]{Markup.Escape(label)}[/]", .. matrix.Totals.Select(t => value(t).ToString(CultureInfo.InvariantCulture))]);
        }

        console.Write(table);
        foreach (var line in Legend)
        {
            console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }
    }

    /// <summary>Aligned plain text: codes and marks first, names last (CJK names would break the alignment).</summary>
    public static void WritePlain(TextWriter writer, CompletenessMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(matrix);
        writer.WriteLine($"Completeness 报送情况 {Span(matrix)}");
        writer.WriteLine(Line("region", matrix.Periods.Select(p => p.Code), "name"));
        foreach (var group in matrix.Groups)
        {
            foreach (var row in group.Rows)
            {
                var code = row.Region.Code == group.City.Code ? row.Region.Code : "  " + row.Region.Code;
                writer.WriteLine(Line(code, row.Cells.Select(CellText), $"{row.Region.NameZh} {row.Region.NameEn}"));
            }
        }

        writer.WriteLine();
        foreach (var (label, value) in TotalLines())
        {
            writer.WriteLine(Line(label, matrix.Totals.Select(t => value(t).ToString(CultureInfo.InvariantCulture)), string.Empty));
        }

        writer.WriteLine();
        foreach (var line in Legend)
        {
            writer.WriteLine(line);
        }
    }

    /// <summary>RFC 4180 CSV, one line per region and quarter.</summary>
    /// <remarks>Times in the office's zone (<paramref name="office"/>, China time by default), ISO 8601 with the offset.</remarks>
    public static void WriteCsv(TextWriter writer, CompletenessMatrix matrix, OfficeTime? office = null)
    {
        office ??= OfficeTime.China;
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(matrix);
        writer.WriteLine("city_code,region_code,region_name_zh,region_name_en,period,state,expected,superseded_count,rejected_count," +
                         "submission_id,received_at,warning_count,error_count,latest_rejected_submission_id,latest_attempt_at,latest_attempt_status");
        foreach (var group in matrix.Groups)
        {
            foreach (var row in group.Rows)
            {
                foreach (var c in row.Cells)
                {
                    writer.WriteLine(string.Join(',',
                        Csv(group.City.Code), Csv(row.Region.Code), Csv(row.Region.NameZh), Csv(row.Region.NameEn), c.Period.Code,
                        CompletenessMarks.Name(c.State), c.Expected ? "true" : "false", Int(c.SupersededCount), Int(c.RejectedCount),
                        Int(c.SubmissionId), Time(c.ReceivedAt, office), Int(c.WarningCount), Int(c.ErrorCount), Int(c.LatestRejectedSubmissionId),
                        Time(c.LatestAttemptAt, office), c.LatestAttemptStatus ?? string.Empty));
                }
            }
        }
    }

    /// <summary>The matrix as one JSON document (snake_case), for scripts and the dashboard.</summary>
    /// <remarks>Times in the office's zone (<paramref name="office"/>, China time by default), with the offset.</remarks>
    public static string ToJson(CompletenessMatrix matrix, OfficeTime? office = null)
    {
        var zone = office ?? OfficeTime.China;
        DateTimeOffset? Local(DateTimeOffset? t) => t is { } v ? zone.Local(v) : null;
        ArgumentNullException.ThrowIfNull(matrix);
        var document = new CompletenessJson(
            matrix.Periods.Select(p => p.Code).ToList(),
            CompletenessMarks.Legend.Select(l => new LegendJson(l.Mark, l.Name, l.MeaningZh, l.MeaningEn)).ToList(),
            matrix.Groups.Select(g => new GroupJson(g.City.Code, g.City.NameZh, g.City.NameEn, g.Rows.Select(r => new RowJson(
                r.Region.Code, r.Region.NameZh, r.Region.NameEn, Reference.ReferenceCatalog.LevelName(r.Region.Level),
                r.Cells.Select(c => new CellJson(c.Period.Code, CompletenessMarks.Name(c.State), c.Mark, c.Expected, c.SupersededCount, c.RejectedCount,
                    c.SubmissionId, Local(c.ReceivedAt), c.WarningCount, c.ErrorCount, c.LatestRejectedSubmissionId, Local(c.LatestAttemptAt), c.LatestAttemptStatus,
                    c.PendingSubmissionId, c.DaysLate, c.OnTime)).ToList()))
                .ToList())).ToList(),
            matrix.Totals.Select(t => new TotalsJson(t.Period.Code, t.Expected, t.Accepted, t.AcceptedWithWarnings, t.Rejected, t.Missing, t.Resubmitted,
                t.Pending, t.Returned, t.OnTime, t.Late, t.OnTimeRate is { } r ? Math.Round(r, 4) : null)).ToList());
        return JsonSerializer.Serialize(document, JsonOptions);
    }

    private static string Span(CompletenessMatrix matrix) =>
        matrix.Periods.Count == 1 ? matrix.Periods[0].Code : $"{matrix.Periods[0].Code}–{matrix.Periods[^1].Code}";

    private static IEnumerable<(string Label, Func<CompletenessTotals, int> Value)> TotalLines() =>
    [
        ("expected", t => t.Expected),
        ("accepted", t => t.Accepted),
        ("with warnings", t => t.AcceptedWithWarnings),
        ("pending review", t => t.Pending),
        ("returned", t => t.Returned),
        ("rejected", t => t.Rejected),
        ("missing", t => t.Missing),
        ("resubmitted", t => t.Resubmitted),
        ("on time", t => t.OnTime),
        ("late", t => t.Late),
        ("on-time rate %", t => t.OnTimeRate is { } r ? (int)Math.Round(r * 100) : 0),
    ];

    private static string Line(string label, IEnumerable<string> cells, string tail)
    {
        var line = new StringBuilder(label.PadRight(LabelWidth));
        foreach (var cell in cells)
        {
            line.Append(cell.PadRight(CellWidth));
        }

        return line.Append(tail).ToString().TrimEnd();
    }

    private static string Colour(CompletenessState state) => state switch
    {
        CompletenessState.Accepted => "green",
        CompletenessState.AcceptedWithWarnings => "yellow",
        CompletenessState.Rejected => "red",
        CompletenessState.Pending => "blue",
        CompletenessState.Returned => "magenta",
        _ => "grey",
    };

    private static string Int(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Time(DateTimeOffset? value, OfficeTime office) => value is { } v ? office.Iso(v) : string.Empty;

    private static string Csv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) < 0 ? s : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record CompletenessJson(IReadOnlyList<string> Periods, IReadOnlyList<LegendJson> Legend, IReadOnlyList<GroupJson> Groups, IReadOnlyList<TotalsJson> Totals);

    private sealed record LegendJson(string Mark, string State, string MeaningZh, string MeaningEn);

    private sealed record GroupJson(string CityCode, string CityNameZh, string CityNameEn, IReadOnlyList<RowJson> Rows);

    private sealed record RowJson(string RegionCode, string NameZh, string NameEn, string Level, IReadOnlyList<CellJson> Cells);

    private sealed record CellJson(string Period, string State, string Mark, bool Expected, int SupersededCount, int RejectedCount, long? SubmissionId,
        DateTimeOffset? ReceivedAt, int WarningCount, int ErrorCount, long? LatestRejectedSubmissionId, DateTimeOffset? LatestAttemptAt, string? LatestAttemptStatus,
        long? PendingSubmissionId, int? DaysLate, bool OnTime);

    private sealed record TotalsJson(string Period, int Expected, int Accepted, int AcceptedWithWarnings, int Rejected, int Missing, int Resubmitted,
        int Pending, int Returned, int OnTime, int Late, double? OnTimeRate);
}
