using System.Diagnostics;
using System.IO.Compression;
using Prosperity.Etl.Excel.Reading;
using Prosperity.Etl.Import;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Excel.Tests;

/// <summary>
/// A 13 KB workbook with 20,000 nested elements overflows the stack of a recursive XML parser and
/// kills the process. The reader streams every part and refuses such a part by its depth (STR011),
/// and the feedback writer never hands it to a parser that recurses.
/// </summary>
public sealed class NestingDepthTests : IDisposable
{
    private const int Depth = 20_000;
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static string Nested(string name) =>
        string.Concat(Enumerable.Repeat($"<{name}>", Depth)) + string.Concat(Enumerable.Repeat($"</{name}>", Depth));

    /// <summary>A real return (written by openpyxl) with one part rewritten.</summary>
    private string Hostile(string part, Func<string, string> rewrite)
    {
        var path = Fixtures.CopyTo(_temp, Fixtures.Return("openpyxl-return.xlsx"), part.Replace('/', '_') + ".xlsx");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry(part)!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(part, CompressionLevel.Optimal).Open());
            writer.Write(rewrite(xml));
        }

        return path;
    }

    public static TheoryData<string, string> Parts => new()
    {
        { "xl/worksheets/sheet2.xml", "extLst" },
        { "xl/styles.xml", "styles" },
        { "xl/workbook.xml", "workbook" },
        { "xl/worksheets/sheet1.xml", "inline string" },
    };

    private string Build(string part, string where) => Hostile(part, xml => where switch
    {
        "extLst" => xml.Replace("</worksheet>", $"<extLst><ext uri=\"{{00000000-0000-0000-0000-000000000000}}\">{Nested("a")}</ext></extLst></worksheet>", StringComparison.Ordinal),
        "styles" => xml.Replace("</styleSheet>", $"<extLst><ext uri=\"{{1}}\">{Nested("a")}</ext></extLst></styleSheet>", StringComparison.Ordinal),
        "workbook" => xml.Replace("</workbook>", $"<extLst><ext uri=\"{{1}}\">{Nested("a")}</ext></extLst></workbook>", StringComparison.Ordinal),
        _ => xml.Replace("</row>", $"<c r=\"Z1\" t=\"inlineStr\"><is><t>x</t>{Nested("r")}</is></c></row>", StringComparison.Ordinal),
    });

    [Theory]
    [MemberData(nameof(Parts))]
    public void Read_ShouldRefuseThePartByItsDepth_WhenItNestsTwentyThousandElements(string part, string where)
    {
        var path = Build(part, where);
        Assert.True(new FileInfo(path).Length < 40_000);
        var watch = Stopwatch.StartNew();

        var read = new WorkbookReader(new ReaderLimits(), Some.Catalog).Read(path);

        watch.Stop();
        var issue = Assert.Single(read.Issues);
        Assert.Equal("STR011", issue.Code);
        Assert.Contains(part, issue.MessageEn, StringComparison.Ordinal);
        Assert.Null(read.Submission);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Theory]
    [MemberData(nameof(Parts))]
    public void Write_ShouldGiveTheIssueListWithoutParsingThePart_WhenAPartNestsTooDeeply(string part, string where)
    {
        var path = Build(part, where);
        var issues = new WorkbookReader(new ReaderLimits(), Some.Catalog).Read(path).Issues;

        var kind = new FeedbackWorkbookWriter().Write(path, issues, _temp.File("feedback.xlsx"));

        Assert.Equal(FeedbackKind.IssueListOnly, kind);
    }

    [Fact]
    public void Read_ShouldStillReadTheReturn_WhenPartsNestAsDeepAsExcelsOwn()
    {
        var path = Hostile("xl/worksheets/sheet2.xml", xml =>
            xml.Replace("</worksheet>", "<extLst><ext uri=\"{1}\">" + string.Concat(Enumerable.Repeat("<a>", 40)) + string.Concat(Enumerable.Repeat("</a>", 40)) + "</ext></extLst></worksheet>", StringComparison.Ordinal));

        var read = new WorkbookReader(new ReaderLimits(), Some.Catalog).Read(path);

        Assert.Empty(read.Issues);
        Assert.Equal(20, read.Submission!.Values.Count); // the catalogue's 20 headline indicators, the resident population included
    }
}
