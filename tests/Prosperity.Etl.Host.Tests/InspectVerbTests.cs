using System.Text.Json;
using Dapper;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

public sealed class InspectVerbTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Inspect_ShouldGiveKindSheetsLayoutAndCellsAsStored_WhenAskedForJsonWithCells()
    {
        var (exit, output, _) = await CliRunner.RunAsync("inspect", Fixtures.Return("openpyxl-error-cell.xlsx"), "--cells", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("return", root.GetProperty("kind").GetString());
        var sheets = root.GetProperty("sheets").EnumerateArray().ToList();
        Assert.Equal(["封面", "指标", "代码表"], sheets.Select(s => s.GetProperty("name").GetString()));
        Assert.False(sheets[2].GetProperty("visible").GetBoolean());
        var cells = sheets[1].GetProperty("cells").EnumerateArray().ToDictionary(c => c.GetProperty("address").GetString()!);
        Assert.Equal("error", cells["E4"].GetProperty("type").GetString());
        Assert.Equal("#DIV/0!", cells["E4"].GetProperty("value").GetString());
        Assert.Equal("number", cells["E5"].GetProperty("type").GetString());
        Assert.Equal(39_716, cells["E5"].GetProperty("value").GetDouble());
        Assert.Equal("string", cells["C4"].GetProperty("type").GetString());
        Assert.Contains(root.GetProperty("layout").EnumerateArray(),
            l => l.GetProperty("role").GetString() == "value column" && l.GetProperty("cell").GetString() == "E3" && l.GetProperty("label").GetString() == "本期数值");
        Assert.Contains(root.GetProperty("issues").EnumerateArray(), i => i.GetProperty("code").GetString() == "VAL001" && i.GetProperty("cell").GetString() == "E4");
    }

    [Fact]
    public async Task Inspect_ShouldSayItIsABulletinAndWhichColumnIsWhich_WhenGivenAComparisonTable()
    {
        var (exit, output, _) = await CliRunner.RunAsync("inspect", Fixtures.Return("openpyxl-bulletin-all-residents.xlsx"));

        Assert.Equal(0, exit);
        Assert.Contains(": bulletin (", output, StringComparison.Ordinal);
        Assert.Contains("value of RATIO_URBAN_RURAL: 表1!E3 (label '城乡居民收入倍差')", output, StringComparison.Ordinal);
        Assert.Contains("value of INC_ALL_PC: 表1!B3 (label '全体居民人均可支配收入')", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_ShouldMarkAFormulaWithoutResult_WhenListingCells()
    {
        var (_, output, _) = await CliRunner.RunAsync("inspect", Fixtures.Return("openpyxl-uncached-formula.xlsx"), "--cells");

        Assert.Contains("指标!E4 empty (formula without a saved result)", output, StringComparison.Ordinal);
        Assert.Contains("VAL006", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_ShouldExitWithAUsageError_WhenTheFileDoesNotExist()
    {
        var (exit, _, error) = await CliRunner.RunAsync("inspect", _temp.File("none.xlsx"));

        Assert.Equal(2, exit);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ShouldRecordTheAttemptAndGoOn_WhenAWorkbookNestsItsXmlTwentyThousandDeep()
    {
        var hostile = Fixtures.CopyTo(_temp, Fixtures.Return("openpyxl-return.xlsx"), "hostile.xlsx");
        using (var zip = System.IO.Compression.ZipFile.Open(hostile, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet2.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }

            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet2.xml").Open());
            writer.Write(xml.Replace("</worksheet>", "<extLst><ext uri=\"{1}\">" + string.Concat(Enumerable.Repeat("<a>", 20_000))
                + string.Concat(Enumerable.Repeat("</a>", 20_000)) + "</ext></extLst></worksheet>", StringComparison.Ordinal));
        }

        var good = Fixtures.CopyTo(_temp, Fixtures.Return("openpyxl-return.xlsx"), "good.xlsx");
        var db = _temp.File("w.db");

        var (exit, output, error) = await CliRunner.RunAsync("import", "--db", "sqlite:" + db, hostile, good);

        Assert.Equal(1, exit);
        Assert.Contains("hostile.xlsx: rejected: STR011", output, StringComparison.Ordinal);
        Assert.Contains("good.xlsx: accepted", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        await using var c = await new SqliteConnectionFactory(db).OpenAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM etl_validation_issue WHERE rule_code = 'STR011'"));
        Assert.True(File.Exists(_temp.File("hostile.feedback.xlsx")));
    }

    [Fact]
    public async Task Import_ShouldLoadTheSameFacts_WhenTheReturnComesAsXls()
    {
        var xlsDb = _temp.File("xls.db");
        var xlsxDb = _temp.File("xlsx.db");

        var xls = await CliRunner.RunAsync("import", "--db", "sqlite:" + xlsDb, Fixtures.Return("libreoffice-return.xls"));
        var xlsx = await CliRunner.RunAsync("import", "--db", "sqlite:" + xlsxDb, Fixtures.Return("openpyxl-return.xlsx"));

        Assert.Equal(0, xls.Exit);
        Assert.Equal(0, xlsx.Exit);
        Assert.Equal(await FactsAsync(xlsxDb), await FactsAsync(xlsDb));
    }

    private static async Task<List<string>> FactsAsync(string db)
    {
        await using var c = await new SqliteConnectionFactory(db).OpenAsync();
        return (await c.QueryAsync<string>("""
            SELECT i.indicator_code || '=' || COALESCE(CAST(f.value AS TEXT), 'null') || '@' || f.source_sheet || '!' || f.source_cell
            FROM dw_fact_indicator_value f JOIN dw_indicator i ON i.indicator_key = f.indicator_key
            ORDER BY i.indicator_code
            """)).ToList();
    }
}
