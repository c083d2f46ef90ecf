using System.Globalization;
using ClosedXML.Excel;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;

namespace Prosperity.Etl.Excel;

/// <summary>
/// Writes the rankings workbook of a period: one sheet per peer group with a block per indicator
/// (rank with its change as an arrow, value with a data bar, growth and its rank, the reference
/// value), and a notes sheet with the method. Text from data is always written as text, never as a formula.
/// </summary>
public static class RankingReportWriter
{
    /// <summary>The name of the method sheet.</summary>
    public const string NotesSheetName = "说明 Notes";

    private static readonly string[] Headers =
        ["排名 Rank", "位次变化 Change", "代码 Code", "地区 Region", "数值 Value", "增长 Growth", "增长位次 Growth rank"];

    private static readonly XLColor HeaderFill = XLColor.FromHtml("#DDEBF7");
    private static readonly XLColor BarColour = XLColor.FromHtml("#5B9BD5");

    /// <summary>Writes the workbook for <paramref name="tables"/> (every peer group of one period) to <paramref name="path"/>.</summary>
    public static void Write(Period period, IReadOnlyList<RankingTable> tables, IReadOnlyList<string> methodNotes, string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var workbook = Build(period, tables, methodNotes);
        workbook.SaveAs(path);
    }

    /// <summary>Builds the workbook in memory.</summary>
    public static XLWorkbook Build(Period period, IReadOnlyList<RankingTable> tables, IReadOnlyList<string> methodNotes)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(methodNotes);
        var workbook = new XLWorkbook();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { NotesSheetName };
        foreach (var group in tables.GroupBy(t => (t.GroupNameZh, t.GroupNameEn)))
        {
            var ws = workbook.Worksheets.Add(SheetName(group.Key.GroupNameZh, names));
            WriteGroup(ws, period, group.Key.GroupNameZh, group.Key.GroupNameEn, group.ToList());
        }

        var notes = workbook.Worksheets.Add(NotesSheetName);
        notes.Column(1).Width = 120;
        notes.Cell(1, 1).SetText($"排名方法 Method — {period.LabelZh} ({period.Code})").Style.Font.SetBold();
        for (var i = 0; i < methodNotes.Count; i++)
        {
            notes.Cell(i + 3, 1).SetText(methodNotes[i]).Style.Alignment.SetWrapText();
        }

        PrintLayout.Apply(notes, notes.Range(1, 1, Math.Max(1, methodNotes.Count + 2), 1), 0, 0, landscape: false);

        if (workbook.Worksheets.Count > 1)
        {
            workbook.Worksheet(1).SetTabActive();
        }

        return workbook;
    }

    private static void WriteGroup(IXLWorksheet ws, Period period, string nameZh, string nameEn, IReadOnlyList<RankingTable> tables)
    {
        double[] widths = [10, 16, 10, 34, 16, 14, 20];
        for (var c = 0; c < widths.Length; c++)
        {
            ws.Column(c + 1).Width = widths[c];
        }

        ws.Cell(1, 1).SetText($"{nameZh} {nameEn} — {period.LabelZh} ({period.Code})").Style.Font.SetBold().Font.SetFontSize(14);
        var row = 3;
        var last = 1;
        foreach (var table in tables)
        {
            last = WriteBlock(ws, table, row);
            row = last + 2;
        }

        ws.SheetView.FreezeRows(1);
        // Tall and narrow (seven columns): upright, one page wide, the sheet's title on every page;
        // a block starts on a new page rather than losing its header to the page before.
        PrintLayout.Apply(ws, ws.Range(1, 1, last, Headers.Length), 1, 1, landscape: false);
        KeepBlocksTogether(ws, tables.Select(t => t.Rows.Count + 3).ToList()); // title, note, header and rows
    }

    private static int WriteBlock(IXLWorksheet ws, RankingTable table, int row)
    {
        var i = table.Indicator;
        ws.Cell(row, 1).SetText($"{i.NameZh} {i.NameEn} ({i.Unit})").Style.Font.SetBold();
        if (table.Withheld is { } withheld)
        {
            ws.Cell(row + 1, 1).SetText(withheld);
            return row + 1;
        }

        var first = table.Rows.Count > 0 ? table.Rows[0] : null;
        var direction = i.Direction == RankDirection.HigherIsBetter ? "higher is better 越高越好" : "lower is better 越低越好";
        var reference = table.ReferenceValue is { } rv
            ? $"; {table.ReferenceLabelZh} {table.ReferenceLabelEn} {Math.Round(rv, i.RankPrecision, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture)}"
            : string.Empty;
        ws.Cell(row + 1, 1).SetText(
            $"{first?.PeerCount ?? 0} of {(first?.PeerCount ?? 0) + (first?.Missing ?? 0)} ranked, {first?.Missing ?? 0} missing; {direction}; ties at {i.RankPrecision} decimal(s){reference}");
        var header = row + 2;
        for (var c = 0; c < Headers.Length; c++)
        {
            ws.Cell(header, c + 1).SetText(Headers[c]);
        }

        var headerRange = ws.Range(header, 1, header, Headers.Length);
        headerRange.Style.Font.SetBold().Fill.SetBackgroundColor(HeaderFill);

        var r = header;
        foreach (var v in table.Rows)
        {
            r++;
            if (v.Rank is { } rank)
            {
                ws.Cell(r, 1).SetValue(rank);
            }
            else
            {
                ws.Cell(r, 1).SetText("—");
            }

            var change = ws.Cell(r, 2).SetText(Arrow(v.RankChange));
            change.Style.Font.SetFontColor(v.RankChange switch { > 0 => XLColor.FromHtml("#1E7B34"), < 0 => XLColor.FromHtml("#C00000"), _ => XLColor.Gray });
            change.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
            ws.Cell(r, 3).SetText(v.Region.Code);
            ws.Cell(r, 4).SetText($"{v.Region.NameZh} {v.Region.NameEn}");
            if (v.Rounded is { } value)
            {
                ws.Cell(r, 5).SetValue(value).Style.NumberFormat.SetFormat(NumberFormat(i.RankPrecision));
            }
            else
            {
                ws.Cell(r, 5).SetText("—");
            }

            if (v.Growth is { } g)
            {
                var growth = GrowthMeasure.RankingIndicator(i);
                var cell = ws.Cell(r, 6).SetValue(Math.Round(g, growth.RankPrecision, MidpointRounding.AwayFromZero));
                cell.Style.NumberFormat.SetFormat(GrowthMeasure.IsDifference(i) ? "+" + NumberFormat(growth.RankPrecision) + ";-" + NumberFormat(growth.RankPrecision) : "+0.0\"%\";-0.0\"%\"");
                if (v.GrowthRank is { } gr)
                {
                    ws.Cell(r, 7).SetValue(gr);
                }
            }
        }

        if (r > header)
        {
            // Data bars over the ranked values; "—" cells are text and carry no bar.
            ws.Range(header + 1, 5, r, 5).AddConditionalFormat().DataBar(BarColour).LowestValue().HighestValue();
        }

        return r;
    }

    /// <summary>Rows that fit on one upright A4 page, the repeated title included (the sheet scaled to one page wide).</summary>
    public const int RowsPerPage = 54;

    /// <summary>
    /// Manual page breaks before a block that would run over the foot of a page but fits on a page
    /// of its own; a block longer than a page (the province's county-level units) runs on.
    /// </summary>
    private static void KeepBlocksTogether(IXLWorksheet ws, IReadOnlyList<int> blockRows)
    {
        var row = 3;
        var used = 2; // the sheet's title and the blank row under it
        foreach (var rows in blockRows)
        {
            if (used + rows > RowsPerPage && rows < RowsPerPage && used > 2)
            {
                ws.PageSetup.AddHorizontalPageBreak(row - 1);
                used = 1; // the title repeated at the top of the new page
            }

            used += rows + 1; // the block and the blank row after it
            while (used > RowsPerPage)
            {
                used -= RowsPerPage - 1;
            }

            row += rows + 1;
        }
    }

    /// <summary>▲2 (up two places), ▼1, = (unchanged), blank when there is no previous rank.</summary>
    public static string Arrow(int? change) => change switch
    {
        null => string.Empty,
        > 0 => "▲" + change.Value.ToString(CultureInfo.InvariantCulture),
        < 0 => "▼" + (-change.Value).ToString(CultureInfo.InvariantCulture),
        _ => "=",
    };

    private static string NumberFormat(int decimals) => decimals <= 0 ? "#,##0" : "#,##0." + new string('0', decimals);

    private static string SheetName(string name, HashSet<string> used)
    {
        var clean = new string(name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '_' : c).ToArray()).Trim('\'');
        clean = clean.Length > 28 ? clean[..28] : clean;
        if (clean.Length == 0)
        {
            clean = "Group";
        }

        var candidate = clean;
        for (var n = 2; !used.Add(candidate); n++)
        {
            candidate = $"{clean} {n}";
        }

        return candidate;
    }
}
