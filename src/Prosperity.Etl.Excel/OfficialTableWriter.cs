using ClosedXML.Excel;
using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Excel;

/// <summary>One figure of the official table: the level (绝对数), its growth on the same period last year (比上年增长), its rank (位次).</summary>
public sealed record OfficialFigure(decimal? Value, decimal? Growth, int? Rank);

/// <summary>One row: the label as printed (全省, 杭州市...) and a figure per indicator code.</summary>
public sealed record OfficialTableRow(string Label, IReadOnlyDictionary<string, OfficialFigure> Figures);

/// <summary>One topic's sheet: its name, its title (with the period wording), its indicators, the total row first, and the footnotes.</summary>
public sealed record OfficialTableSheet(string SheetName, string Title, IReadOnlyList<Indicator> Indicators, IReadOnlyList<OfficialTableRow> Rows, IReadOnlyList<string> Footnotes);

/// <summary>
/// Writes the comparison table as bulletins print it (docs/comparison-tables.md): a merged title
/// naming the period (2025年前三季度全省各市…), a unit row, a two-level header (the indicator over
/// 绝对数 / 比上年增长% / 位次), the province's (or city's) row, one row per region, and footnotes
/// with the source and the method; one sheet per topic, set up for printing.
/// </summary>
public static class OfficialTableWriter
{
    /// <summary>Sub-headers under each indicator.</summary>
    public const string LevelHeader = "绝对数";

    /// <summary>The growth sub-header of a level (a percentage).</summary>
    public const string GrowthHeader = "比上年增长%";

    /// <summary>The growth sub-header of a ratio (a difference).</summary>
    public const string DifferenceHeader = "比上年增减";

    /// <summary>The rank sub-header.</summary>
    public const string RankHeader = "位次";

    /// <summary>Writes the sheets to <paramref name="path"/>, creating its folder.</summary>
    public static void Write(IReadOnlyList<OfficialTableSheet> sheets, string path)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        using var workbook = new XLWorkbook();
        foreach (var sheet in sheets)
        {
            WriteSheet(workbook.Worksheets.Add(sheet.SheetName), sheet);
        }

        if (sheets.Count == 0)
        {
            workbook.Worksheets.Add("说明").Cell(1, 1).Value = "本期无数据 No values for the period.";
        }

        workbook.SaveAs(path);
    }

    private static void WriteSheet(IXLWorksheet ws, OfficialTableSheet sheet)
    {
        var lastCol = 1 + (sheet.Indicators.Count * 3);
        ws.Cell(1, 1).Value = sheet.Title;
        ws.Range(1, 1, 1, lastCol).Merge().Style.Font.SetBold().Font.SetFontSize(14).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        var units = sheet.Indicators.Select(i => i.Unit).Where(u => u != "ratio").Distinct(StringComparer.Ordinal).ToList();
        var oneUnit = units.Count <= 1;
        ws.Cell(2, lastCol).Value = oneUnit ? $"单位：{(units.Count == 1 ? units[0] + "、" : string.Empty)}%" : "计量单位见各栏；增长：%";
        ws.Cell(2, lastCol).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        ws.Cell(3, 1).Value = "地  区";
        ws.Range(3, 1, 4, 1).Merge();
        for (var n = 0; n < sheet.Indicators.Count; n++)
        {
            var indicator = sheet.Indicators[n];
            var col = 2 + (n * 3);
            ws.Cell(3, col).Value = oneUnit || indicator.Unit == "ratio" ? indicator.NameZh : $"{indicator.NameZh}（{indicator.Unit}）";
            ws.Range(3, col, 3, col + 2).Merge();
            ws.Cell(4, col).Value = LevelHeader;
            ws.Cell(4, col + 1).Value = Ranking.GrowthMeasure.IsDifference(indicator) ? DifferenceHeader : GrowthHeader;
            ws.Cell(4, col + 2).Value = RankHeader;
        }

        var row = 5;
        foreach (var r in sheet.Rows)
        {
            ws.Cell(row, 1).Value = r.Label;
            for (var n = 0; n < sheet.Indicators.Count; n++)
            {
                var indicator = sheet.Indicators[n];
                var col = 2 + (n * 3);
                var f = r.Figures.TryGetValue(indicator.Code, out var found) ? found : new OfficialFigure(null, null, null);
                Put(ws.Cell(row, col), f.Value, NumberFormat(indicator.RankPrecision));
                Put(ws.Cell(row, col + 1), f.Growth, NumberFormat(Ranking.GrowthMeasure.RankingIndicator(indicator).RankPrecision));
                Put(ws.Cell(row, col + 2), f.Rank, "0");
            }

            row++;
        }

        var lastDataRow = row - 1;
        var table = ws.Range(3, 1, lastDataRow, lastCol);
        table.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        ws.Range(3, 1, 4, lastCol).Style.Font.SetBold().Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center).Alignment.SetWrapText();
        ws.Range(5, 2, Math.Max(5, lastDataRow), lastCol).Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);
        row++;
        foreach (var note in sheet.Footnotes)
        {
            ws.Cell(row, 1).Value = note;
            ws.Range(row, 1, row, lastCol).Merge().Style.Alignment.SetWrapText().Alignment.SetVertical(XLAlignmentVerticalValues.Top);
            ws.Row(row).Height = 15 * Math.Max(1, Math.Ceiling(note.Length / (lastCol * 5.5)));
            row++;
        }

        ws.Column(1).Width = 14;
        for (var c = 2; c <= lastCol; c++)
        {
            ws.Column(c).Width = (c - 2) % 3 == 0 ? 12 : 8;
        }

        ws.Row(3).Height = 33;
        ws.SheetView.FreezeRows(4);
        PrintLayout.Apply(ws, ws.Range(1, 1, row - 1, lastCol), 3, 4);
    }

    private static string NumberFormat(int decimals) => decimals <= 0 ? "#,##0" : "#,##0." + new string('0', decimals);

    private static void Put(IXLCell cell, decimal? value, string format)
    {
        if (value is { } v)
        {
            cell.Value = v;
            cell.Style.NumberFormat.Format = format;
        }
        else
        {
            cell.Value = "—";
            cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        }
    }

    private static void Put(IXLCell cell, int? value, string format) => Put(cell, value is { } v ? (decimal)v : null, format);
}
