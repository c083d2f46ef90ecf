using System.Text.Json;
using Dapper;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

public sealed class ValidateVerbTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string DbPath => _temp.File("warehouse.db");

    private string Db => "sqlite:" + DbPath;

    private async Task<long> CountAsync(string table)
    {
        await using var c = await new SqliteConnectionFactory(DbPath).OpenAsync();
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    [Fact]
    public async Task Validate_ShouldExit0AndCreateNoWarehouse_WhenTheFileIsGood()
    {
        var file = new WorkbookBuilder().Save(_temp.File("good.xlsx"));

        var (exit, output, _) = await CliRunner.RunAsync("validate", "--db", Db, file);

        Assert.Equal(0, exit);
        Assert.StartsWith("good.xlsx: would be accepted (0 error(s), 0 warning(s))", output, StringComparison.Ordinal);
        Assert.False(File.Exists(DbPath));
    }

    [Fact]
    public async Task Validate_ShouldPrintOneJsonObjectPerFileAndExit1_WhenAFileHasErrors()
    {
        var bad = new WorkbookBuilder().WithRawValue("INC_URBAN_PC", "about 60k").Save(_temp.File("bad.xlsx"));
        var good = new WorkbookBuilder().Save(_temp.File("good.xlsx"));

        var (exit, output, _) = await CliRunner.RunAsync("validate", "--db", Db, "--format", "json", bad, good);

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal(bad, root.GetProperty("file").GetString());
        Assert.False(root.GetProperty("accepted").GetBoolean());
        var issue = root.GetProperty("issues").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "VAL001");
        Assert.Equal("error", issue.GetProperty("severity").GetString());
        Assert.Equal("指标 Indicators", issue.GetProperty("sheet").GetString());
        Assert.Equal(WorkbookBuilder.ValueAddress("INC_URBAN_PC"), issue.GetProperty("cell").GetString());
        Assert.Equal("about 60k", issue.GetProperty("found").GetString());
        Assert.Contains("元", issue.GetProperty("expected").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(issue.GetProperty("message_zh").GetString()));
        Assert.False(string.IsNullOrEmpty(issue.GetProperty("message_en").GetString()));
        using var second = JsonDocument.Parse(lines[1]);
        Assert.True(second.RootElement.GetProperty("accepted").GetBoolean());
        Assert.Empty(second.RootElement.GetProperty("issues").EnumerateArray());
    }

    [Fact]
    public async Task Validate_ShouldWriteTheAnnotatedCopy_WhenAnOutputFolderIsGiven()
    {
        var bad = new WorkbookBuilder().WithRawValue("INC_URBAN_PC", "about 60k").Save(_temp.File("bad.xlsx"));
        var outDir = _temp.File("feedback");

        var (exit, output, _) = await CliRunner.RunAsync("validate", "--db", Db, "--annotate", outDir, bad);

        Assert.Equal(1, exit);
        Assert.True(File.Exists(Path.Combine(outDir, "bad.feedback.xlsx")), output);
    }

    [Fact]
    public async Task Validate_ShouldAcceptAndMarkTheWarningExplained_WhenTheRowHasAnExplanation()
    {
        var file = new WorkbookBuilder().WithValue("WORKSHOPS", 30_000m).WithExplanation("WORKSHOPS", "含新建园区工坊").Save(_temp.File("w.xlsx"));

        var (exit, output, _) = await CliRunner.RunAsync("validate", "--db", Db, file);

        Assert.Equal(0, exit);
        Assert.Contains($"{WorkbookBuilder.ValueAddress("WORKSHOPS")} VAL003", output, StringComparison.Ordinal);
        Assert.Contains("[explained / 已说明]", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("validate", "/no/such/file.xlsx")]
    [InlineData("validate", "--format", "xml", "x.xlsx")]
    public async Task Validate_ShouldExit2_OnUsageErrors(params string[] args)
    {
        var (exit, _, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("prosperity:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ShouldCompareWithTheWarehouseAndWriteNothing_WhenTheWarehouseExists()
    {
        var q2 = new WorkbookBuilder().For(Some.Xinchang, new Period(2025, 2)).WithValues(Some.Values(urban: 40_000m, rural: 25_000m))
            .WithValue("RATIO_URBAN_RURAL", 1.6m).Save(_temp.File("q2.xlsx"));
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--db", Db, q2)).Exit);
        var submissions = await CountAsync("etl_submission");
        var q3 = new WorkbookBuilder().WithValue("TOWN_LISTS", 10m).Save(_temp.File("q3.xlsx"));

        var (exit, output, _) = await CliRunner.RunAsync("validate", "--db", Db, q3);

        Assert.Equal(1, exit);
        Assert.Contains($"{WorkbookBuilder.ValueAddress("TOWN_LISTS")} CON003", output, StringComparison.Ordinal);
        Assert.Equal(submissions, await CountAsync("etl_submission"));
    }

    [Fact]
    public async Task Import_ShouldWriteTheFeedbackWorkbookNextToTheRejectedFile_AndNotImportItLater()
    {
        var inbox = Directory.CreateDirectory(_temp.File("inbox")).FullName;
        new WorkbookBuilder().WithRawValue("INC_URBAN_PC", "about 60k").Save(Path.Combine(inbox, "bad.xlsx"));

        var first = await CliRunner.RunAsync("import", "--db", Db, inbox);
        var second = await CliRunner.RunAsync("import", "--db", Db, inbox);

        Assert.Equal(1, first.Exit);
        Assert.True(File.Exists(Path.Combine(inbox, "bad.feedback.xlsx")));
        Assert.DoesNotContain("feedback", second.Out, StringComparison.Ordinal);
        Assert.Contains("1 file(s)", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ShouldTakeACorrectedFeedbackCopy_WhenItIsSentBackOnItsOwn()
    {
        var inbox = Directory.CreateDirectory(_temp.File("inbox")).FullName;
        var corrected = new WorkbookBuilder().Save(_temp.File("x.xlsx"));
        var feedback = Path.Combine(_temp.Path, "x.feedback.xlsx");
        new Excel.FeedbackWorkbookWriter().Write(corrected, [], feedback);
        File.Move(feedback, Path.Combine(inbox, "x.feedback.xlsx"));

        var (exit, output, _) = await CliRunner.RunAsync("import", "--db", Db, inbox);

        Assert.Equal(0, exit);
        Assert.Contains("x.feedback.xlsx: accepted", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issues_ShouldListEveryAttemptOfTheRegionAndPeriod_WithItsIssues()
    {
        await CliRunner.RunAsync("import", "--db", Db, new WorkbookBuilder().WithRawValue("INC_URBAN_PC", "about 60k").Save(_temp.File("a1.xlsx")));
        await CliRunner.RunAsync("import", "--db", Db, new WorkbookBuilder().WithValue("RATIO_URBAN_RURAL", 1.2m).Save(_temp.File("a2.xlsx")));
        await CliRunner.RunAsync("import", "--db", Db, new WorkbookBuilder().Save(_temp.File("a3.xlsx")));

        var (exit, output, _) = await CliRunner.RunAsync("issues", "--db", Db, "--region", "330624", "--period", "2025Q3");

        Assert.Equal(0, exit);
        var attempts = output.Split('\n').Where(l => l.StartsWith('#')).ToList();
        Assert.Equal(3, attempts.Count);
        Assert.Contains("a1.xlsx 330624 2025Q3: rejected, 1 issue(s)", attempts[0], StringComparison.Ordinal);
        Assert.Contains("a2.xlsx 330624 2025Q3: rejected", attempts[1], StringComparison.Ordinal);
        Assert.Contains("a3.xlsx 330624 2025Q3: accepted, 0 issue(s)", attempts[2], StringComparison.Ordinal);
        Assert.Contains($"指标 Indicators!{WorkbookBuilder.ValueAddress("INC_URBAN_PC")} VAL001", output, StringComparison.Ordinal);
        Assert.Contains($"指标 Indicators!{WorkbookBuilder.ValueAddress("RATIO_URBAN_RURAL")} CON001", output, StringComparison.Ordinal);
    }
}
