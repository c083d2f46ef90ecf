using ClosedXML.Excel;
using Prosperity.Etl.Excel.Cells;
using Prosperity.Etl.Import;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel;

/// <summary>
/// Writes the district's own workbook back with every problem marked on its cell: red fill for
/// errors, amber for warnings, the message (Chinese and English, value found, value expected) as a
/// cell comment, and a first sheet listing every issue with a hyperlink to its cell. Where the
/// workbook cannot be written back as it is (.xls, pictures without the graphics library, parts
/// ClosedXML does not load), the copy is rebuilt from the cells the reader read (values, merged
/// cells, column widths, hidden sheets) and marked the same way. Only a file that cannot be read
/// as a workbook at all (not a workbook, encrypted, beyond the limits) gets the list alone. The
/// issue sheet says which of the three the district received.
/// </summary>
public sealed class FeedbackWorkbookWriter : IFeedbackWriter
{
    /// <summary>The name of the added first sheet.</summary>
    public const string IssuesSheetName = "问题清单 Issues";

    /// <summary>Fill of a cell with an error.</summary>
    public static readonly XLColor ErrorFill = XLColor.FromHtml("#FF8080");

    /// <summary>Fill of a cell with warnings only.</summary>
    public static readonly XLColor WarningFill = XLColor.FromHtml("#FFC000");

    // Issues after which the file is not opened again: it is not a readable workbook, or it is hostile.
    private static readonly HashSet<string> DoNotOpen =
    [
        Rules.NotAWorkbook.Code, Rules.Encrypted.Code, Rules.LegacyFormat.Code, Rules.TooLarge.Code,
        Rules.ExpandsTooMuch.Code, Rules.SheetTooBig.Code, Rules.TooSlow.Code, Rules.NestedTooDeeply.Code,
    ];

    /// <summary>
    /// The lines <paramref name="text"/> wraps to in a column <paramref name="width"/> characters wide
    /// (a CJK character is two wide), a little generous so that nothing is cut at the foot.
    /// </summary>
    internal static int WrappedLines(string text, double width)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 1;
        }

        var usable = Math.Max(1, width - 1);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            double w = 0;
            foreach (var ch in paragraph)
            {
                w += ch >= 0x2E80 ? 2 : 1.1;
            }

            lines += Math.Max(1, (int)Math.Ceiling(w / usable));
        }

        return lines;
    }

    private static readonly string[] Headers =
        ["序号 No.", "代码 Code", "级别 Severity", "工作表 Sheet", "单元格 Cell", "填报值 Found", "应为 Expected", "说明（中文）", "Message (English)"];

    // Narrow enough, with the texts wrapping, that the list prints legibly on one landscape A4 page wide.
    private static readonly double[] Widths = [8, 10, 12, 22, 10, 14, 22, 40, 46];

    /// <inheritdoc />
    public FeedbackKind Write(string sourcePath, IReadOnlyList<ValidationIssue> issues, string outputPath)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var folder = Path.GetDirectoryName(Path.GetFullPath(outputPath));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var readable = !issues.Any(i => DoNotOpen.Contains(i.Code)) && File.Exists(sourcePath);
        if (readable && FileSniffer.Sniff(sourcePath) == SniffedFormat.Xlsx && PackageGuard.Check(sourcePath, new ReaderLimits()) is null)
        {
            using var copy = OpenCopy(sourcePath);
            if (copy is not null && TrySave(copy, issues, outputPath, FeedbackKind.AnnotatedCopy))
            {
                return FeedbackKind.AnnotatedCopy;
            }
        }

        if (readable && WorkbookFile.Load(sourcePath, new ReaderLimits()).Workbook is { } cells)
        {
            using var rebuilt = Rebuild(cells);
            if (TrySave(rebuilt, issues, outputPath, FeedbackKind.RebuiltCopy))
            {
                return FeedbackKind.RebuiltCopy;
            }
        }

        // The district's workbook could not be read: the list alone still tells them what to fix.
        using var list = new XLWorkbook();
        AddIssueSheet(list, issues, [], FeedbackKind.IssueListOnly);
        list.SaveAs(outputPath);
        return FeedbackKind.IssueListOnly;
    }

    private static bool TrySave(XLWorkbook workbook, IReadOnlyList<ValidationIssue> issues, string outputPath, FeedbackKind kind)
    {
        try
        {
            var marked = MarkCells(workbook, issues);
            AddIssueSheet(workbook, issues, marked, kind);
            workbook.SaveAs(outputPath);
            return true;
        }
        catch (IOException)
        {
            throw;
        }
        catch (UnauthorizedAccessException)
        {
            throw;
        }
#pragma warning disable CA1031 // ClosedXML cannot write back every workbook it reads (unusual parts, odd styles).
        catch (Exception)
#pragma warning restore CA1031
        {
            File.Delete(outputPath);
            return false;
        }
    }

    /// <summary>A new workbook holding the cells as read: values (cached results for formulas), merged ranges, column widths, hidden sheets.</summary>
    private static XLWorkbook Rebuild(WorkbookCells cells)
    {
        var workbook = new XLWorkbook();
        foreach (var source in cells.Sheets)
        {
            var name = SheetName(source.Name, workbook);
            var sheet = workbook.Worksheets.Add(name);
            foreach (var cell in source.Cells)
            {
                var target = sheet.Cell(cell.Row, cell.Column);
                switch (cell.Kind)
                {
                    case CellKind.Number:
                        target.Value = cell.Number;
                        break;
                    case CellKind.Boolean:
                        target.Value = cell.Number != 0;
                        break;
                    case CellKind.Date when ExcelDates.FromSerial(cell.Number, cells.Date1904) is { } date:
                        target.Value = date;
                        break;
                    case CellKind.Empty:
                        break;
                    default:
                        target.SetText(cell.DisplayText);
                        break;
                }
            }

            foreach (var range in source.MergedRanges)
            {
                sheet.Range(range.FirstRow, range.FirstColumn, range.LastRow, range.LastColumn).Merge();
            }

            foreach (var (column, width) in source.ColumnWidths)
            {
                sheet.Column(column).Width = width;
            }

            // The rebuilt copy prints on A4, one page wide, what is filled in.
            if (sheet.RangeUsed() is { } used)
            {
                PrintLayout.Apply(sheet, sheet.Range(1, 1, used.LastRow().RowNumber(), used.LastColumn().ColumnNumber()), 0, 0);
            }

            sheet.Visibility = source.Visibility switch
            {
                SheetVisibility.Hidden => XLWorksheetVisibility.Hidden,
                SheetVisibility.VeryHidden => XLWorksheetVisibility.VeryHidden,
                _ => XLWorksheetVisibility.Visible,
            };
        }

        if (workbook.Worksheets.Count == 0 || workbook.Worksheets.All(w => w.Visibility != XLWorksheetVisibility.Visible))
        {
            workbook.Worksheets.Add("Sheet1");
        }

        return workbook;
    }

    /// <summary>The sheet's own name where ClosedXML accepts it (the issues name it), else a close, unique one.</summary>
    private static string SheetName(string name, XLWorkbook workbook)
    {
        var cleaned = new string(name.Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '_' : c).ToArray()).Trim('\'');
        cleaned = cleaned.Length == 0 ? "Sheet" : cleaned.Length > 31 ? cleaned[..31] : cleaned;
        var candidate = cleaned;
        for (var n = 2; workbook.Worksheets.Contains(candidate); n++)
        {
            var suffix = "(" + n.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
            candidate = (cleaned.Length + suffix.Length > 31 ? cleaned[..(31 - suffix.Length)] : cleaned) + suffix;
        }

        return candidate;
    }

    private static XLWorkbook? OpenCopy(string sourcePath)
    {
        try
        {
            var workbook = new XLWorkbook(sourcePath);
            TryUnprotect(workbook);
            return workbook;
        }
#pragma warning disable CA1031 // A workbook the parser cannot open still gets its feedback, as a list.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    /// <summary>Template protection has no password; a district's own password is left alone.</summary>
    private static void TryUnprotect(XLWorkbook workbook)
    {
        foreach (var sheet in workbook.Worksheets)
        {
            try
            {
                sheet.Unprotect();
            }
            catch (InvalidOperationException)
            {
                // Protected with a password: fills and comments are still written.
            }
        }

        try
        {
            workbook.Unprotect();
        }
        catch (InvalidOperationException)
        {
            // Same as above.
        }
    }

    /// <summary>Fills and comments every issue's cell; returns the issues whose cell exists in the copy.</summary>
    private static HashSet<ValidationIssue> MarkCells(XLWorkbook workbook, IReadOnlyList<ValidationIssue> issues)
    {
        var marked = new HashSet<ValidationIssue>();
        foreach (var group in issues.Where(i => i.Sheet is not null && i.Cell is not null).GroupBy(i => (i.Sheet!, i.Cell!)))
        {
            if (!workbook.TryGetWorksheet(group.Key.Item1, out var sheet))
            {
                continue;
            }

            var cell = sheet.Cell(group.Key.Item2);
            cell.Style.Fill.BackgroundColor = group.Any(i => i.Severity == Severity.Error) ? ErrorFill : WarningFill;
            var comment = cell.Comment;
            foreach (var issue in group)
            {
                comment.AddText(CommentText(issue));
                comment.AddNewLine();
                marked.Add(issue);
            }
        }

        return marked;
    }

    private static string CommentText(ValidationIssue i)
    {
        var severity = i.Severity == Severity.Error ? "错误 Error" : "警告 Warning";
        var lines = new List<string> { $"[{i.Code} {severity}]", i.MessageZh, i.MessageEn };
        if (i.Found is not null)
        {
            lines.Add($"填报值 Found: {i.Found}");
        }

        if (i.Expected is not null)
        {
            lines.Add($"应为 Expected: {i.Expected}");
        }

        return string.Join("\n", lines);
    }

    private static void AddIssueSheet(XLWorkbook workbook, IReadOnlyList<ValidationIssue> issues, HashSet<ValidationIssue> marked, FeedbackKind kind)
    {
        if (workbook.TryGetWorksheet(IssuesSheetName, out var old))
        {
            old.Delete();
        }

        var sheet = workbook.Worksheets.Add(IssuesSheetName, 1);
        for (var c = 0; c < Headers.Length; c++)
        {
            sheet.Cell(1, c + 1).Value = Headers[c];
            sheet.Column(c + 1).Width = Widths[c];
        }

        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        var row = 2;
        foreach (var issue in issues.OrderBy(i => i.Severity == Severity.Error ? 0 : 1))
        {
            sheet.Cell(row, 1).Value = row - 1;
            sheet.Cell(row, 2).Value = issue.Code;
            sheet.Cell(row, 3).Value = issue.Severity == Severity.Error ? "错误 Error" : "警告 Warning";
            sheet.Cell(row, 4).Value = issue.Sheet ?? string.Empty;
            var link = sheet.Cell(row, 5);
            link.Value = issue.Cell ?? string.Empty;
            if (marked.Contains(issue))
            {
                link.Hyperlink = new XLHyperlink($"'{issue.Sheet!.Replace("'", "''", StringComparison.Ordinal)}'!{issue.Cell}");
                link.Style.Font.FontColor = XLColor.Blue;
                link.Style.Font.Underline = XLFontUnderlineValues.Single;
            }

            // Text, not numbers: a found value of "00123" or "1e5" is shown as the district typed it.
            sheet.Cell(row, 6).SetValue(issue.Found ?? string.Empty);
            sheet.Cell(row, 7).SetValue(issue.Expected ?? string.Empty);
            sheet.Cell(row, 8).SetValue(issue.MessageZh);
            sheet.Cell(row, 9).SetValue(issue.MessageEn);
            sheet.Row(row).Style.Fill.BackgroundColor = issue.Severity == Severity.Error ? ErrorFill : WarningFill;
            row++;
        }

        if (issues.Count == 0)
        {
            sheet.Cell(2, 1).Value = "没有发现问题。 No issues found.";
        }

        // Which copy the district holds, beside the table so that its rows stay as they are.
        sheet.Column(Headers.Length + 1).Width = 2;
        sheet.Column(Headers.Length + 2).Width = 36;
        sheet.Cell(1, Headers.Length + 2).Value = "本文件 This file";
        sheet.Cell(1, Headers.Length + 2).Style.Font.Bold = true;
        sheet.Cell(2, Headers.Length + 2).Value = kind switch
        {
            FeedbackKind.AnnotatedCopy => "您上报的工作簿，问题单元格已标注。 Your own workbook, with the flagged cells marked.",
            FeedbackKind.RebuiltCopy => "根据您上报工作簿的单元格内容重建的副本（格式、图片和公式未保留），问题单元格已标注。 A copy rebuilt from the cells of your workbook (formatting, pictures and formulas not kept), with the flagged cells marked.",
            _ => "您上报的文件无法作为工作簿读取，仅列出问题。 Your file could not be read as a workbook: the issues alone.",
        };
        sheet.Cell(2, Headers.Length + 2).Style.Alignment.WrapText = true;
        sheet.Cell(2, Headers.Length + 2).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;

        // Printed landscape, one page wide with the header on every page: the messages wrap in
        // their columns instead of running off the page, and the note on the copy prints beside them.
        sheet.Range(2, 6, Math.Max(2, row - 1), 9).Style.Alignment.WrapText = true;
        sheet.Range(2, 1, Math.Max(2, row - 1), 9).Style.Alignment.Vertical = XLAlignmentVerticalValues.Top;
        PrintLayout.Apply(sheet, sheet.Range(1, 1, Math.Max(2, row - 1), Headers.Length + 2), 1, 1, landscape: true);
        // Heights set for the wrapped texts: not every program fits a row to its wrapped cells on
        // opening (LibreOffice keeps the default height, and the lines print over the next row).
        for (var r = 2; r < Math.Max(3, row); r++)
        {
            var lines = 1;
            foreach (var c in new[] { 6, 7, 8, 9, Headers.Length + 2 })
            {
                lines = Math.Max(lines, WrappedLines(sheet.Cell(r, c).GetString(), sheet.Column(c).Width));
            }

            sheet.Row(r).Height = Math.Min(409, 15 * lines);
        }

        sheet.SetTabActive();
        foreach (var other in workbook.Worksheets.Where(w => w != sheet))
        {
            other.TabActive = false;
            other.TabSelected = false;
        }

        sheet.TabSelected = true;
    }
}
