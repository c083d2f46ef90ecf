using Prosperity.Etl.Excel.Reading;
using Prosperity.Etl.Import;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel.Tests;

/// <summary>
/// Workbooks written by other programs than ours (openpyxl and LibreOffice, see
/// tests/fixtures/returns/make_fixtures.py), laid out as a district's own sheet: the code in
/// column C, the value in column E, a merged title, a hidden sheet, a comment, a data validation.
/// The figures are the committed sample return of Xinchang County, 2025Q3.
/// </summary>
public sealed class ForeignWorkbookTests
{
    private static readonly Dictionary<string, decimal?> Expected = new()
    {
        ["INC_URBAN_PC"] = 62_845m, ["INC_RURAL_PC"] = 39_716m, ["RATIO_URBAN_RURAL"] = 1.58m, ["TOWN_LISTS"] = 88m,
        ["VILLAGE_MEASURES"] = 111m, ["HOUSEHOLD_ACTIONS"] = 4_562m, ["FARMER_INCOME_RAISED"] = 836.7m, ["LEADERS_KEY_TOWNS"] = 3m,
        ["DEPTS_SUPPORTING_VILLAGES"] = 21m, ["CHAIN_JOBS"] = null, ["CHAINS_OVER_1BN"] = 2m, ["SPECIALTY_OUTPUT"] = 80.7m,
        ["WORKSHOPS"] = 152m, ["WORKSHOP_WORKERS"] = 9_720m, ["YOUTH_STATIONS_PLANNED"] = 45m, ["RURAL_INNOVATORS_TARGET"] = 1_500m,
        ["INC_ALL_PC"] = 54_981m, ["YOUTH_STATIONS_BUILT"] = 26m, ["RURAL_INNOVATORS_TRAINED"] = 795m, ["POP_RESIDENT"] = 99.4m,
    };

    private static ValidatedSubmission Validate(string fixture)
    {
        var read = new WorkbookReader(new ReaderLimits(), Some.Catalog).Read(Fixtures.Return(fixture));
        Assert.NotNull(read.Submission);
        var validated = new SubmissionValidator(Some.Catalog, Some.Clock).Validate(read.Submission!);
        return validated with { Issues = [.. read.Issues, .. validated.Issues] };
    }

    private static Dictionary<string, decimal?> Facts(ValidatedSubmission validated) =>
        validated.Facts.ToDictionary(f => f.Indicator.Code, f => f.Value);

    [Fact]
    public void Read_ShouldTakeEveryFigure_WhenTheReturnWasWrittenByOpenpyxlInItsOwnLayout()
    {
        var validated = Validate("openpyxl-return.xlsx");

        Assert.Empty(validated.Issues);
        Assert.Equal("330624", validated.Region!.Code);
        Assert.Equal(Some.Period, validated.Period);
        Assert.Equal(Expected, Facts(validated));
        Assert.Equal(new Domain.CellRef("指标", "E4"), validated.Facts.Single(f => f.Indicator.Code == "INC_URBAN_PC").Location);
    }

    [Fact]
    public void Read_ShouldRejectAtTheCell_WhenAValueCellHoldsAStoredErrorValue()
    {
        var validated = Validate("openpyxl-error-cell.xlsx");

        var issue = Assert.Single(validated.Issues, i => i.Severity == Severity.Error);
        Assert.Equal(("VAL001", "指标", "E4", "#DIV/0!"), (issue.Code, issue.Sheet, issue.Cell, issue.Found));
        Assert.DoesNotContain(validated.Facts, f => f.Indicator.Code == "INC_URBAN_PC");
    }

    [Fact]
    public void Read_ShouldTellTheDistrictToSaveInExcel_WhenAFormulaHasNoSavedResult()
    {
        var validated = Validate("openpyxl-uncached-formula.xlsx");

        var issue = Assert.Single(validated.Issues, i => i.Severity == Severity.Error);
        Assert.Equal(("VAL006", "指标", "E4"), (issue.Code, issue.Sheet, issue.Cell));
        Assert.Contains("Excel or WPS", issue.MessageEn, StringComparison.Ordinal);
        Assert.Contains("WPS", issue.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShouldAcceptEveryValue_WhenTheReturnCarriesPictures()
    {
        var validated = Validate("openpyxl-picture.xlsx");

        Assert.Empty(validated.Issues);
        Assert.Equal(Expected, Facts(validated));
    }

    [Fact]
    public void Read_ShouldConvertTheUnitsDistrictsType_WhenValuesSay倍家And万户()
    {
        var validated = Validate("openpyxl-units.xlsx");

        Assert.DoesNotContain(validated.Issues, i => i.Severity == Severity.Error);
        var facts = Facts(validated);
        Assert.Equal(1.58m, facts["RATIO_URBAN_RURAL"]);
        Assert.Equal(152m, facts["WORKSHOPS"]);
        Assert.Equal(4_562m, facts["HOUSEHOLD_ACTIONS"]);
    }

    [Fact]
    public void Read_ShouldNameTheCell_WhenAFigureStandsOnARowWithoutACode()
    {
        var validated = Validate("openpyxl-stray-value.xlsx");

        var issue = Assert.Single(validated.Issues);
        Assert.Equal(("VAL008", Severity.Warning, "指标", "E25", "99999"), (issue.Code, issue.Severity, issue.Sheet, issue.Cell, issue.Found));
        Assert.Equal("含新建工坊12家", validated.Facts.Single(f => f.Indicator.Code == "WORKSHOPS").Explanation);
    }

    [Fact]
    public void Read_ShouldGiveTheSameFactsAndCells_WhenTheReturnIsItsXlsTwinSavedByLibreOffice()
    {
        var xlsx = Validate("openpyxl-return.xlsx");
        var xls = Validate("libreoffice-return.xls");

        Assert.Empty(xls.Issues);
        Assert.Equal(Facts(xlsx), Facts(xls));
        Assert.Equal(xlsx.Facts.Select(f => f.Location), xls.Facts.Select(f => f.Location));
    }

    [Fact]
    public void Read_ShouldLoadTheAllResidentsIncome_WhenABulletinPrintsItBeforeTheUrbanAndRuralIncomes()
    {
        var read = new WorkbookReader(new ReaderLimits(), Some.Catalog).Read(Fixtures.Return("openpyxl-bulletin-all-residents.xlsx"));

        Assert.Equal(WorkbookKind.Bulletin, read.Kind);
        var table = read.Bulletin!.Table!;
        Assert.Empty(read.Bulletin.Issues);
        Assert.Equal(12, table.Regions.Count);
        Assert.Equal(48, table.Figures.Count);
        Assert.Equal(12, table.Figures.Count(f => f.Indicator.Code == "RATIO_URBAN_RURAL"));
        var all = table.Figures.Where(f => f.Indicator.Code == "INC_ALL_PC").ToList();
        Assert.Equal(12, all.Count);
        Assert.All(all, f => Assert.Equal("B", f.Location.Cell![..1]));
        // Shaoxing, weighted 0.62 / 0.38 by the fixture's script: 69,987 x 0.62 + 45,183 x 0.38.
        Assert.Equal(Math.Round((69_987m * 0.62m) + (45_183m * 0.38m)), all.Single(f => f.Region.Code == "330600").Value);
    }

    [Fact]
    public void Read_ShouldNameTheColumnItDidNotLoad_WhenABulletinHasAColumnOutsideTheCatalogue()
    {
        using var temp = new TempFolder();
        var path = temp.File(Samples.ProvinceBulletin.FileName);
        Samples.ProvinceBulletin.Write(path);
        using (var wb = new ClosedXML.Excel.XLWorkbook(path))
        {
            var ws = wb.Worksheet(1);
            ws.Cell("L3").Value = "居民人均消费支出";
            for (var r = 5; r <= 16; r++)
            {
                ws.Cell(r, 12).Value = 40_000 + r;
            }

            wb.Save();
        }

        var read = new WorkbookReader(new ReaderLimits(), Some.Catalog).Read(path);

        var issue = Assert.Single(read.Bulletin!.Issues);
        Assert.Equal(("VAL008", Severity.Warning, "表3", "L3", "居民人均消费支出"), (issue.Code, issue.Severity, issue.Sheet, issue.Cell, issue.Found));
        Assert.Contains("not loaded", issue.MessageEn, StringComparison.Ordinal);
        Assert.Equal(48, read.Bulletin.Table!.Figures.Count);
    }

    [Fact]
    public void Read_ShouldTakeTheMeasureFromTheTitle_WhenBulletinHeadersNameOnlyThePopulationGroup()
    {
        var read = new WorkbookReader(new ReaderLimits(), Some.Catalog).Read(Fixtures.Return("openpyxl-bulletin-group-headers.xlsx"));

        Assert.Equal(WorkbookKind.Bulletin, read.Kind);
        Assert.Empty(read.Bulletin!.Issues);
        var table = read.Bulletin.Table!;
        Assert.Equal(12, table.Figures.Count(f => f.Indicator.Code == "INC_URBAN_PC"));
        Assert.Equal(12, table.Figures.Count(f => f.Indicator.Code == "INC_RURAL_PC"));
        Assert.Equal(63_960m, table.Figures.Single(f => f.Indicator.Code == "INC_URBAN_PC" && f.Region.Code == "330000").Value);
    }

    [Fact]
    public void Read_ShouldDecideReturnOrBulletinInOnePass_WhenGivenEither()
    {
        var reader = new WorkbookReader(new ReaderLimits(), Some.Catalog);

        Assert.Equal(WorkbookKind.Return, reader.Inspect(Fixtures.Return("openpyxl-return.xlsx")).Kind);
        Assert.Equal(WorkbookKind.Bulletin, reader.Inspect(Fixtures.Sample("bulletins/330000_CityIncomes_2025Q3_bulletin.xlsx")).Kind);
        var neither = reader.Inspect(Fixtures.Return("../../../Prosperity.Etl.sln"));
        Assert.Equal(WorkbookKind.Unknown, neither.Kind);
    }

    [Fact]
    public void Read_ShouldKeepTheWholeIndicatorSheetButNotAnAnnexTail_WhenReadingForImport()
    {
        using var temp = new TempFolder();
        var path = new WorkbookBuilder().Edit(wb =>
        {
            var annex = wb.AddWorksheet("附表 Annex");
            for (var r = 1; r <= 400; r++)
            {
                annex.Cell(r, 1).Value = "户级行动 " + r;
                annex.Cell(r, 70).Value = r;
            }

            // An indicator row far down the indicator sheet is still read.
            var data = wb.Worksheet(SubmissionFormat.IndicatorSheetName);
            data.Cell(350, 2).Value = "CHAIN_JOBS";
            data.Cell(350, 6).Value = 1_234;
        }).Save(temp.File("annex.xlsx"));
        var reader = new WorkbookReader(new ReaderLimits(), Some.Catalog);

        var forImport = reader.Read(path);
        var inspected = reader.Inspect(path).Workbook!.Sheet("附表 Annex")!;

        Assert.Equal(1_234m, forImport.Submission!.Values.Last(v => v.IndicatorCode == "CHAIN_JOBS").Number);
        Assert.Equal(800, inspected.Cells.Count);
        Assert.Equal("户级行动 400", inspected.Cell(400, 1).Text);
    }

    [Theory]
    [InlineData("70000", true)]
    [InlineData("62845", false)]
    public void Read_ShouldWarnAtTheCell_WhenASavedResultIsNotWhatItsFormulaGives(string cached, bool warned)
    {
        using var temp = new TempFolder();
        var path = Fixtures.CopyTo(temp, Fixtures.Return("openpyxl-return.xlsx"));
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet2.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            Assert.Contains("<c r=\"E4\" t=\"n\"><v>62845</v></c>", xml, StringComparison.Ordinal);
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet2.xml").Open());
            writer.Write(xml.Replace("<c r=\"E4\" t=\"n\"><v>62845</v></c>", $"<c r=\"E4\"><f>60000+2845</f><v>{cached}</v></c>", StringComparison.Ordinal));
        }

        var read = new WorkbookReader(new ReaderLimits(), Some.Catalog).Read(path);

        var issues = read.Issues.Where(i => i.Code == "VAL009").ToList();
        Assert.Equal(warned ? 1 : 0, issues.Count);
        if (warned)
        {
            Assert.Equal(("指标", "E4", "70000"), (issues[0].Sheet, issues[0].Cell, issues[0].Found));
            Assert.StartsWith("62845", issues[0].Expected, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("1+2*3", 7)]
    [InlineData("(1+2)*3", 9)]
    [InlineData("-4/2+10", 8)]
    [InlineData("1.5E3-500", 1000)]
    public void Evaluate_ShouldComputeConstantArithmetic(string formula, double expected)
    {
        var sheet = new Cells.WorksheetCells("s", Cells.SheetVisibility.Visible, []);

        Assert.Equal(expected, SimpleFormula.TryEvaluate(formula, sheet));
    }

    [Theory]
    [InlineData("VLOOKUP(A1,B:C,2,0)")]
    [InlineData("A1&B1")]
    [InlineData("1/0")]
    [InlineData("Sheet2!A1+1")]
    public void Evaluate_ShouldNotJudge_WhenTheFormulaIsNotSimple(string formula)
    {
        var sheet = new Cells.WorksheetCells("s", Cells.SheetVisibility.Visible, []);

        Assert.Null(SimpleFormula.TryEvaluate(formula, sheet));
    }
}
