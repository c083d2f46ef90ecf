using System.Text.RegularExpressions;
using Dapper;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// The full year is reported twice: the preliminary figures (快报) and the final ones (年报) that
/// replace them as a recorded revision. The returns are written by openpyxl (make_fixtures.py).
/// </summary>
public sealed partial class FullYearStageTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Db => "sqlite:" + _temp.File("warehouse.db");

    // A copy in the test's folder: a rejected return gets its feedback workbook written beside it.
    private string Return(string stage)
    {
        var copy = _temp.File($"openpyxl-return-2025Q4-{stage}.xlsx");
        File.Copy(Fixtures.Return($"openpyxl-return-2025Q4-{stage}.xlsx"), copy, overwrite: true);
        return copy;
    }

    private Task<(int Exit, string Out, string Err)> Reviewed(params string[] args) =>
        CliRunner.RunWithAsync(new Dictionary<string, string?> { ["Office:Region"] = "330600" }, [.. args, "--db", Db]);

    [Fact]
    public async Task Import_ShouldReplaceThePreliminaryFiguresWithTheFinal_AsAReviewedRevision_AndRefuseAPreliminaryAfterThem()
    {
        // 快报 in January: approved and published as release 1.
        var (exit, output, error) = await Reviewed("import", Return("preliminary"));
        Assert.True(exit == 0, output + error);
        var preliminary = Number(output);
        Assert.Equal(0, (await Reviewed("approve", "--submission", preliminary)).Exit);
        Assert.Contains("as release 1", (await Reviewed("publish", "--period", "2025Q4")).Out, StringComparison.Ordinal);
        Assert.Equal(("preliminary", 83_584m), await OfficialAsync());

        // 年报 later (the status on the period: 2025年（年报）): a revision of the published year, waiting for review.
        (exit, output, error) = await Reviewed("import", Return("final"));
        Assert.True(exit == 0, output + error);
        Assert.Contains("a revision of the published 2025Q4, waiting for review", output, StringComparison.Ordinal);
        var final = Number(output);
        Assert.Equal(("preliminary", 83_584m), await OfficialAsync());
        (exit, output, _) = await Reviewed("approve", "--submission", final, "--note", "年报替代快报");
        Assert.Equal(0, exit);
        Assert.Contains("published as release 2", output, StringComparison.Ordinal);
        Assert.Equal(("final", 83_898m), await OfficialAsync());

        // A 快报 sent again afterwards is refused at its status cell; the final figures stay.
        (exit, output, _) = await Reviewed("import", Return("preliminary-late"));
        Assert.Equal(1, exit);
        Assert.Contains("封面!C8 REF012", output, StringComparison.Ordinal);
        Assert.Contains($"(submission #{final})", output, StringComparison.Ordinal);
        Assert.Equal(("final", 83_898m), await OfficialAsync());

        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        var history = (await c.QueryAsync<(string, string, long)>(
            "SELECT status, data_stage, is_revision FROM bi_submission WHERE region_code = '330624' ORDER BY submission_id")).ToList();
        Assert.Equal([("superseded", "preliminary", 0L), ("accepted", "final", 1L), ("rejected", "preliminary", 0L)], history);
    }

    [Fact]
    public async Task Import_ShouldReplaceAPreliminaryBulletinWithTheFinal_AndRefuseAPreliminaryOneAfterIt()
    {
        foreach (var stage in new[] { "preliminary", "final" })
        {
            var (exit, output, error) = await CliRunner.RunAsync("import", "--db", Db, Fixtures.Return($"openpyxl-bulletin-2025Q4-{stage}.xlsx"));
            Assert.True(exit == 0, output + error);
        }

        var (code, late, _) = await CliRunner.RunAsync("import", "--db", Db, Fixtures.Return("openpyxl-bulletin-2025Q4-preliminary-late.xlsx"));
        Assert.Equal(1, code);
        Assert.Contains("表1!A1 REF012", late, StringComparison.Ordinal);

        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        var hangzhou = (await c.QueryAsync<(string, string, long)>(
            "SELECT status, data_stage, is_revision FROM bi_submission WHERE region_code = '330100' ORDER BY submission_id")).ToList();
        Assert.Equal([("superseded", "preliminary", 0L), ("accepted", "final", 1L)], hangzhou);
        Assert.Equal(80_120m, await c.ExecuteScalarAsync<decimal>( // the province: 80,000 in the 快报, 80,120 in the 年报, 80,060 in the late 快报
            "SELECT value FROM bi_indicator_value_current WHERE region_code = '330000' AND period_code = '2025Q4' AND indicator_code = 'INC_URBAN_PC'"));
    }

    [SkippableFact]
    public async Task Template_ShouldOfferTheStatus_OnTheFullYearCoverOnly()
    {
        Skip.IfNot(PrintCheck.HasOpenpyxl, "python3-openpyxl is not installed (.ci/run installs it).");
        var q4 = _temp.File("q4.xlsx");
        var q3 = _temp.File("q3.xlsx");
        Assert.Equal(0, (await CliRunner.RunAsync("template", "--region", "330624", "--period", "2025Q4", "--out", q4)).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync("template", "--region", "330624", "--period", "2025Q3", "--out", q3)).Exit);

        // Read back by openpyxl, not by the product.
        var script = """
            import sys, openpyxl
            for path in sys.argv[1:]:
                ws = openpyxl.load_workbook(path)['封面 Cover']
                rows = [r for r in ws.iter_rows(values_only=True) if r[0] == '数据类别']
                lists = [v.formula1 for v in ws.data_validations.dataValidation if v.type == 'list']
                print(path.endswith('q4.xlsx'), rows[0][2] if rows else None, any('年报' in (f or '') for f in lists))
            """;
        var lines = PrintCheck.RunPython(script.Replace("\r", string.Empty, StringComparison.Ordinal), q4, q3).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["True 快报 True", "False None False"], lines);
    }

    private async Task<(string Stage, decimal Urban)> OfficialAsync()
    {
        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        return await c.QuerySingleAsync<(string, decimal)>("""
            SELECT s.data_stage, v.value FROM bi_indicator_value_current v JOIN etl_submission s ON s.submission_id = v.submission_id
            WHERE v.region_code = '330624' AND v.period_code = '2025Q4' AND v.indicator_code = 'INC_URBAN_PC' AND v.release_no IS NOT NULL
            """);
    }

    private static string Number(string output) => SubmissionPattern().Match(output).Groups[1].Value;

    [GeneratedRegex(@"submission #(\d+)")]
    private static partial Regex SubmissionPattern();

    public void Dispose() => _temp.Dispose();
}
