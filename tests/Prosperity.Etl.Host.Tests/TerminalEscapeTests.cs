using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// What a district writes reaches the operator's terminal through validate, import and issues:
/// escape codes in a cell of a real openpyxl-made workbook are printed as visible escapes, never
/// raw; the text a district controls is stored within bounds.
/// </summary>
public sealed class TerminalEscapeTests : IDisposable
{
    // As OOXML stores them: _x001B_ is ESC, _x0007_ is BEL. Clear the screen, retitle the window.
    private const string Stored = "_x001B_[2J_x001B_]0;PWNED_x0007_";
    private const string Python = "/usr/bin/python3";
    private readonly TempFolder _temp = new();

    [SkippableFact]
    public async Task ValidateImportAndIssues_ShouldPrintEscapeCodesFromACellAsVisibleEscapes()
    {
        var workbook = OpenpyxlWorkbook("INC_URBAN_PC", column: 6, "sys.argv[2]", Stored);
        var db = "sqlite:" + _temp.File("warehouse.db");

        var validate = await CliRunner.RunAsync("validate", "--db", db, workbook);
        var import = await CliRunner.RunAsync("import", "--db", db, workbook);
        var issues = await CliRunner.RunAsync("issues", "--db", db, "--region", "330624");

        foreach (var (name, output) in new[] { ("validate", validate.Out), ("import", import.Out), ("issues", issues.Out) })
        {
            Assert.DoesNotContain('\u001B', output);
            Assert.DoesNotContain('\u0007', output);
            Assert.True(output.Contains("\\u001B[2J\\u001B]0;PWNED\\u0007", StringComparison.Ordinal), $"{name}: {output}");
        }

        // The warehouse keeps what the district wrote, decoded: the escaping is for the terminal only.
        await using var c = new SqliteConnection($"Data Source={_temp.File("warehouse.db")}");
        var found = await c.ExecuteScalarAsync<string>("SELECT found_value FROM etl_validation_issue WHERE rule_code = 'VAL001'");
        Assert.Equal("\u001B[2J\u001B]0;PWNED\u0007", found);
    }

    [SkippableFact]
    public async Task Import_ShouldKeepTwoThousandCharactersOfATenMegabyteExplanation_AndSayAtTheRowThatItWasCut()
    {
        // Excel stops at 32,767 characters a cell; openpyxl does not, and neither does a hostile file.
        var workbook = OpenpyxlWorkbook("INC_URBAN_PC", column: 7, "'说明 explanation ' * 700000", string.Empty);
        const int length = 700_000 * 15;
        var db = _temp.File("warehouse.db");

        var (exit, output, _) = await CliRunner.RunAsync("import", "--db", "sqlite:" + db, workbook);

        Assert.Equal(0, exit);
        Assert.Contains("accepted as submission #1", output, StringComparison.Ordinal);
        await using var c = new SqliteConnection($"Data Source={db}");
        Assert.Equal(2000, await c.ExecuteScalarAsync<long>("SELECT MAX(LENGTH(explanation)) FROM dw_fact_indicator_value"));
        var issue = await c.QuerySingleAsync<(string Code, string Cell, string Found)>("SELECT rule_code, cell_ref, found_value FROM etl_validation_issue");
        Assert.Equal(("VAL010", WorkbookBuilder.ValueAddress("INC_URBAN_PC")), (issue.Code, issue.Cell));
        // What the reader hands over of the cell (it may bound it further than the file does) is what is counted.
        Assert.Matches(@"^an explanation of [\d,]+ characters$", issue.Found);
        Assert.True(length > 2000);
        Assert.True(new FileInfo(db).Length < 2_000_000, $"{new FileInfo(db).Length} bytes");
    }

    [Fact]
    public void SafeText_ShouldEscapeControlAndBidiCharacters_AndLeaveChineseAlone()
    {
        Assert.Equal("a\\u001B[2Jb\\u202Ec\\u000Ad 新昌县", Display.SafeText.ForTerminal("a\u001B[2Jb\u202Ec\nd 新昌县"));
        Assert.Equal("plain 新昌县", Display.SafeText.ForTerminal("plain 新昌县"));
        Assert.Null(Display.SafeText.ForTerminal(null));
    }

    // A return written by the product, then opened and saved by openpyxl with the cell set: the package is openpyxl's.
    private string OpenpyxlWorkbook(string code, int column, string pythonValue, string argument)
    {
        Skip.IfNot(File.Exists(Python) && Run(Python, "-c", "import openpyxl") == 0, "Debian's python3-openpyxl is not installed.");
        var path = new WorkbookBuilder().Save(_temp.File("330624-2025Q3.xlsx"));
        var script = $$"""
            import openpyxl, sys
            wb = openpyxl.load_workbook(sys.argv[1])
            ws = wb[{{Quote(SubmissionFormat.IndicatorSheetName)}}]
            row = next(c.row for c in ws['B'] if c.value == {{Quote(code)}})
            ws.cell(row=row, column={{column}}).value = {{pythonValue}}
            wb.save(sys.argv[1])
            """;
        Assert.Equal(0, Run(Python, "-c", script, path, argument));
        return path;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "\\'", StringComparison.Ordinal) + "'";

    private static int Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit(60_000);
        return process.ExitCode;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
