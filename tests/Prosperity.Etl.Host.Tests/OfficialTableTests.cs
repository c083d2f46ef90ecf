using System.Text.Json;
using ClosedXML.Excel;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// <c>report --bulletin</c>: the official comparison table in bulletin layout, read back by the
/// product's own bulletin reader (the figures: the levels, as the warehouse has them), and its print
/// set-up read back with openpyxl and printed with LibreOffice.
/// </summary>
public sealed class OfficialTableTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Db => "sqlite:" + _temp.File("warehouse.db");

    [Fact]
    public async Task Bulletin_ShouldBeReadBackAsABulletin_WithTheWarehousesFigures()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"))).Exit);
        var xlsx = _temp.File("out/official-2025Q3.xlsx");

        var (exit, output, error) = await CliRunner.RunAsync("report", "--db", Db, "--period", "2025Q3", "--bulletin", "--out", xlsx);

        Assert.True(exit == 0, error);
        Assert.Contains("the official table for 2025年前三季度 (2025Q3)", output, StringComparison.Ordinal);
        using (var workbook = new XLWorkbook(xlsx))
        {
            var income = workbook.Worksheet("居民收入");
            Assert.Equal("2025年前三季度全省各市城乡居民人均可支配收入", income.Cell(1, 1).GetString());
            Assert.Equal("单位：元、%", income.Cell(2, 13).GetString());
            Assert.Equal(("地  区", "全体居民人均可支配收入", OfficialTableWriter.LevelHeader, OfficialTableWriter.GrowthHeader, OfficialTableWriter.RankHeader),
                (income.Cell(3, 1).GetString(), income.Cell(3, 2).GetString(), income.Cell(4, 2).GetString(), income.Cell(4, 3).GetString(), income.Cell(4, 4).GetString()));
            Assert.Equal(("全省", "杭州市", "丽水市"), (income.Cell(5, 1).GetString(), income.Cell(6, 1).GetString(), income.Cell(16, 1).GetString()));
            Assert.StartsWith("注：", income.Cell(18, 1).GetString(), StringComparison.Ordinal);
            Assert.Contains("《2025年前三季度全省各市城乡居民人均可支配收入》", income.Cell(19, 1).GetString(), StringComparison.Ordinal);
        }

        // Every sheet read back by the bulletin reader (the reader takes the first comparison sheet of a workbook: each is read alone).
        var rank = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--level", "city", "--format", "json");
        using var json = JsonDocument.Parse(rank.Out);
        var expected = json.RootElement.EnumerateArray()
            .Where(e => e.GetProperty("value").ValueKind == JsonValueKind.Number)
            // The official table shows the catalogue's figures: not the composite index, nor a target's completion rate.
            .Where(e => Some.Catalog.FindIndicator(e.GetProperty("indicator_code").GetString()!) is { Kind: not Domain.IndicatorKind.Target })
            .ToDictionary(e => (e.GetProperty("region_code").GetString()!, e.GetProperty("indicator_code").GetString()!), e => e.GetProperty("ranked_value").GetDecimal());
        var reader = new BulletinWorkbookReader(Some.Catalog);
        var names = new XLWorkbook(xlsx).Worksheets.Select(w => w.Name).ToList();
        Assert.Contains("行动落实", names);
        var compared = 0;
        foreach (var name in names)
        {
            var alone = _temp.File($"out/{name}.xlsx");
            using (var copy = new XLWorkbook(xlsx))
            {
                foreach (var other in copy.Worksheets.Where(w => w.Name != name).ToList())
                {
                    other.Delete();
                }

                copy.SaveAs(alone);
            }

            var read = reader.TryRead(alone);
            Assert.NotNull(read?.Table);
            Assert.DoesNotContain(read!.Issues, i => i.Severity == Validation.Severity.Error);
            Assert.Equal(new Domain.Period(2025, 3), read.Table!.Period);
            foreach (var figure in read.Table.Figures.Where(f => f.Region.Code != "330000"))
            {
                Assert.Equal(expected[(figure.Region.Code, figure.Indicator.Code)], figure.Value);
                compared++;
            }
        }

        // The 11 cities' four incomes, and Shaoxing's own figures on the other topics.
        Assert.True(compared >= 44, $"only {compared} figures compared");
        Assert.Equal(expected.Count, compared);
    }

    [SkippableFact]
    public async Task Bulletin_ShouldPrintOnA4OnePageWide_WithTheHeaderRepeated()
    {
        Skip.IfNot(PrintCheck.HasOpenpyxl, "python3-openpyxl is not installed (.ci/run installs it).");
        Assert.Equal(0, (await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"))).Exit);
        var xlsx = _temp.File("print/official.xlsx");
        Assert.Equal(0, (await CliRunner.RunAsync("report", "--db", Db, "--period", "2025Q3", "--bulletin", "--out", xlsx)).Exit);

        var sheets = PrintCheck.Read(xlsx);

        foreach (var (name, sheet) in sheets)
        {
            Assert.Equal(9, (int)sheet!["paper"]!); // A4
            // Landscape where wide (four to six indicators, 13 to 19 columns); the two-indicator sheet fits upright.
            Assert.Equal(name == "人才培育" ? "portrait" : "landscape", (string?)sheet["orientation"]);
            Assert.True((bool)sheet["fit"]!, name);
            Assert.Equal((1, 0), ((int)sheet["fit_width"]!, (int)sheet["fit_height"]!));
            Assert.Equal("3:4", (string?)sheet["title_rows"]);
            Assert.StartsWith("A1:", (string?)sheet["area"], StringComparison.Ordinal);
            Assert.Equal("第 &P 页，共 &N 页", (string?)sheet["footer"]);
        }

        Skip.If(PrintCheck.Soffice is null, "LibreOffice (soffice) is not installed (.ci/run installs libreoffice-calc-nogui); the page count is not checked.");
        // One page per topic sheet: 12 rows, one page wide.
        Assert.Equal(sheets.Count, PrintCheck.PdfPages(xlsx, _temp.File("print/pdf")));
    }

    public void Dispose() => _temp.Dispose();
}
