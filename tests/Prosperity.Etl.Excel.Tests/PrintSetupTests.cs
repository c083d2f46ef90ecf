using ClosedXML.Excel;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel.Tests;

/// <summary>
/// The print set-up of the template, the feedback workbook and the rankings workbook: asserted as
/// ClosedXML reads it back, as openpyxl (another program) reads it, and as LibreOffice prints it
/// (the pages of the PDF it makes).
/// </summary>
public sealed class PrintSetupTests : IDisposable
{
    private const string NoOpenpyxl = "python3-openpyxl is not installed (.ci/run installs it); the set-up is not read by another program.";
    private const string NoSoffice = "LibreOffice (soffice) is not installed (.ci/run installs libreoffice-calc-nogui); the page count is not checked.";
    private readonly TempFolder _temp = new();

    private static readonly FormOptions Approved = new()
    {
        FormNumber = "共富监测季1表",
        Authority = "绍兴市统计局",
        ApprovalNumber = "浙统制〔2025〕12号",
        ValidUntil = "2027年12月",
    };

    private string Template(FormOptions form, bool filled = true)
    {
        var request = new WorkbookBuilder().Request();
        var path = _temp.File($"template-{Guid.NewGuid():N}.xlsx");
        SubmissionTemplateWriter.Write(filled
            ? request with { Form = form }
            : new TemplateRequest(request.Region, request.Period, request.Indicators) { Values = request.Values, Form = form }, path);
        return path;
    }

    [Fact]
    public void Template_ShouldBeSetUpForA4_WithTheIndicatorHeaderRepeated()
    {
        using var wb = new XLWorkbook(Template(Approved));

        var cover = wb.Worksheet(SubmissionFormat.CoverSheetName).PageSetup;
        var data = wb.Worksheet(SubmissionFormat.IndicatorSheetName).PageSetup;
        var notes = wb.Worksheet(SubmissionFormat.InstructionsSheetName).PageSetup;
        foreach (var setup in new[] { cover, data, notes })
        {
            Assert.Equal(XLPaperSize.A4Paper, setup.PaperSize);
            Assert.Equal((1, 0), (setup.PagesWide, setup.PagesTall));
            Assert.Single(setup.PrintAreas);
        }

        Assert.Equal(XLPageOrientation.Portrait, cover.PageOrientation);
        Assert.Equal(XLPageOrientation.Landscape, data.PageOrientation); // seven columns, 180 characters wide
        Assert.Equal((4, 5), (data.FirstRowToRepeatAtTop, data.LastRowToRepeatAtTop));
        var last = SubmissionTemplateWriter.FirstDataRow + Some.Catalog.Indicators.Count - 1;
        Assert.Equal($"A1:G{last}", data.PrintAreas.Single().RangeAddress.ToStringRelative());
        Assert.Equal("A1:D16", cover.PrintAreas.Single().RangeAddress.ToStringRelative());
    }

    [SkippableFact]
    public void Template_ShouldCarryTheFormsCornerAndSignatures_AsAnotherProgramReadsThem()
    {
        Skip.IfNot(PrintCheck.HasOpenpyxl, NoOpenpyxl);
        var path = Template(Approved);

        var sheets = PrintCheck.Read(path);

        var cover = sheets[SubmissionFormat.CoverSheetName]!;
        var data = sheets[SubmissionFormat.IndicatorSheetName]!;
        Assert.Equal(9, (int)cover["paper"]!); // A4 in the file format's numbering
        Assert.Equal("portrait", (string?)cover["orientation"]);
        Assert.Equal("landscape", (string?)data["orientation"]);
        Assert.True((bool)data["fit"]!);
        Assert.Equal((1, 0), ((int)data["fit_width"]!, (int)data["fit_height"]!));
        Assert.Equal("4:5", (string?)data["title_rows"]);
        Assert.Equal("第 &P 页，共 &N 页", (string?)data["footer"]);
        var texts = cover["texts"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.Contains("表　　号：共富监测季1表", texts);
        Assert.Contains("制定机关：绍兴市统计局", texts);
        Assert.Contains("批准文号：浙统制〔2025〕12号", texts);
        Assert.Contains("有效期至：2027年12月", texts);
        var signatures = Assert.Single(texts, t => t.StartsWith("单位负责人", StringComparison.Ordinal));
        Assert.Matches("单位负责人：＿+　统计负责人：＿+　填表人：＿+　报出日期：＿+年＿+月＿+日", signatures);
    }

    [Fact]
    public void Template_ShouldLeaveALineToFillIn_WhereTheApprovalIsNotConfigured()
    {
        using var wb = new XLWorkbook(Template(new FormOptions()));

        var cover = wb.Worksheet(SubmissionFormat.CoverSheetName);
        Assert.Equal("表　　号：共富监测季1表", cover.Cell("D1").GetString());
        Assert.Equal("制定机关：浙江省统计局", cover.Cell("D2").GetString());
        Assert.Equal("批准文号：＿＿＿＿＿＿＿＿", cover.Cell("D3").GetString());
        Assert.Equal("有效期至：＿＿＿＿＿＿＿＿", cover.Cell("D4").GetString());
    }

    [Fact]
    public void Template_ShouldStillReadBack_WithTheCornerAndTheSignaturesOnItsCover()
    {
        // Submitter, contact and date left blank: the reader must not take the corner or a signature for them.
        var path = Template(Approved, filled: false);

        var read = new SubmissionWorkbookReader().Read(path);

        var s = read.Submission!;
        Assert.Equal("330624", s.RegionCode.Text);
        Assert.Equal("2025Q3", s.PeriodText.Text);
        Assert.Null(s.Submitter?.Text);
        Assert.Null(s.Contact?.Text);
        Assert.Null(s.FilledOn?.Text);
        Assert.Equal(Some.Catalog.Indicators.Count, s.Values.Count);
        Assert.DoesNotContain(read.Issues, i => i.Severity == Severity.Error);
    }

    [SkippableFact]
    public void Template_ShouldPrintOnThreePages_TheIndicatorNamesBesideTheirValues()
    {
        Skip.If(PrintCheck.Soffice is null, NoSoffice);
        var path = Template(Approved);

        // The cover, the indicator sheet (names, units and values on one landscape page) and the instructions.
        Assert.Equal(3, PrintCheck.PdfPages(path, _temp.File("pdf-template")));
    }

    private string Feedback(string source)
    {
        var issue = Rules.NotANumber.At(source, new CellRef("指标", "E5"), "x", "a number", "不是数字。", "Not a number.");
        var warning = Rules.NotANumber.At(source, new CellRef("指标", "E6"), "y", "a number", new string('长', 120), string.Concat(Enumerable.Repeat("A long message. ", 20)));
        var output = _temp.File(Path.GetFileNameWithoutExtension(source) + ".feedback.xlsx");
        new FeedbackWorkbookWriter().Write(source, [issue, warning], output);
        return output;
    }

    [SkippableFact]
    public void Feedback_ShouldPrintTheIssueListOnOneLandscapePageWide_BeforeTheDistrictsOwnSheets()
    {
        Skip.IfNot(PrintCheck.HasOpenpyxl, NoOpenpyxl);
        // A return openpyxl wrote (no print set-up of its own), as a district's script does.
        var source = Fixtures.CopyTo(_temp, Fixtures.Return("openpyxl-return.xlsx"));
        var output = Feedback(source);

        var list = PrintCheck.Read(output)[FeedbackWorkbookWriter.IssuesSheetName]!;

        Assert.Equal(9, (int)list["paper"]!);
        Assert.Equal("landscape", (string?)list["orientation"]);
        Assert.True((bool)list["fit"]!);
        Assert.Equal((1, 0), ((int)list["fit_width"]!, (int)list["fit_height"]!));
        Assert.Equal("1:1", (string?)list["title_rows"]);
        Assert.Equal("A1:K3", (string?)list["area"]); // the header, two issues and the note on the copy
        Assert.Equal("第 &P 页，共 &N 页", (string?)list["footer"]);
        // Each issue row is as tall as its longest wrapped text (a program that does not fit rows on
        // opening would otherwise print the wrapped lines over the next row).
        using (var written = new XLWorkbook(output))
        {
            var sheet = written.Worksheet(FeedbackWorkbookWriter.IssuesSheetName);
            for (var r = 2; r <= 3; r++)
            {
                var longest = WrappedColumns.Max(c => sheet.Cell(r, c).GetString().Length / Math.Max(1, sheet.Column(c).Width - 1));
                Assert.True(sheet.Row(r).Height >= 15 * Math.Max(1, Math.Ceiling(longest)), $"row {r} is {sheet.Row(r).Height} points tall");
            }
        }

        Skip.If(PrintCheck.Soffice is null, NoSoffice);
        // The list adds one page to what the district's own workbook prints.
        Assert.Equal(PrintCheck.PdfPages(source, _temp.File("pdf-source")) + 1, PrintCheck.PdfPages(output, _temp.File("pdf-feedback")));
    }

    private static readonly int[] WrappedColumns = [6, 7, 8, 9];

    private static readonly Region Shaoxing = Some.Catalog.FindRegion("330600", Some.Period)!;

    private static RankingTable Block(Indicator indicator, int members)
    {
        var regions = Enumerable.Range(1, members)
            .Select(n => new Region($"33{n:D4}", $"地区{n}", $"Unit {n}", RegionLevel.County, "330600", new DateOnly(2000, 1, 1), null))
            .ToList();
        var group = new PeerGroup("county:330600", PeerLevel.County, "绍兴市各县（市、区）", "County-level units of Shaoxing", Shaoxing, regions);
        var values = regions.Select((m, n) => (m.Code, Value: 60_000m + (n * 1_000m))).ToDictionary(x => x.Code, x => (decimal?)x.Value);
        return PeerComparison.Compare(indicator, Some.Period, group, r => values.GetValueOrDefault(r.Code),
            r => values.GetValueOrDefault(r.Code) - 3_000m, r => values.GetValueOrDefault(r.Code) - 2_000m);
    }

    [SkippableFact]
    public void Rankings_ShouldPrintUprightOnePageWide_WithNoBlockSplitAcrossPages()
    {
        // Every indicator for eleven regions: 20 blocks of 14 rows, far taller than a page.
        var tables = Some.Catalog.Indicators.Select(i => Block(i, 11)).ToArray();
        var path = _temp.File("rankings.xlsx");
        RankingReportWriter.Write(Some.Period, tables, RankingMethod.Notes, path);

        int breaks;
        using (var wb = new XLWorkbook(path))
        {
            var setup = wb.Worksheet(1).PageSetup;
            Assert.Equal(XLPaperSize.A4Paper, setup.PaperSize);
            Assert.Equal(XLPageOrientation.Portrait, setup.PageOrientation);
            Assert.Equal((1, 0), (setup.PagesWide, setup.PagesTall));
            Assert.Equal((1, 1), (setup.FirstRowToRepeatAtTop, setup.LastRowToRepeatAtTop));
            breaks = setup.RowBreaks.Count;
            Assert.InRange(breaks, 4, tables.Length - 1);
            // Every break falls on the blank row before a block's title.
            var ws = wb.Worksheet(1);
            var titles = ws.Column(1).CellsUsed().Where(c => ws.Cell(c.Address.RowNumber + 2, 1).GetString() == "排名 Rank").Select(c => c.Address.RowNumber).ToHashSet();
            Assert.Equal(tables.Length, titles.Count);
            Assert.All(setup.RowBreaks, b => Assert.Contains(b + 1, titles));
            Assert.Equal(XLPageOrientation.Portrait, wb.Worksheet(RankingReportWriter.NotesSheetName).PageSetup.PageOrientation);
        }

        Skip.IfNot(PrintCheck.HasOpenpyxl, NoOpenpyxl);
        var sheet = PrintCheck.Read(path)["绍兴市各县（市、区）"]!;
        Assert.Equal("1:1", (string?)sheet["title_rows"]);
        Assert.Equal($"A1:G{(int)sheet["max_row"]!}", (string?)sheet["area"]);

        Skip.If(PrintCheck.Soffice is null, NoSoffice);
        // Exactly the pages the breaks make, plus the notes: no block overflows a page into one LibreOffice had to add.
        Assert.Equal(breaks + 1 + 1, PrintCheck.PdfPages(path, _temp.File("pdf-rankings")));
    }

    public void Dispose() => _temp.Dispose();
}
