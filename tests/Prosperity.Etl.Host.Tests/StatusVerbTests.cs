using System.Text.Json;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Host.Output;
using Prosperity.Etl.Import.Completeness;
using Prosperity.Etl.Testing;
using Spectre.Console;

namespace Prosperity.Etl.Host.Tests;

public sealed class StatusVerbTests : IDisposable
{
    private static readonly Period Q3 = new(2025, 3);

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string DbPath => _temp.File("warehouse.db");

    private string Db => "sqlite:" + DbPath;

    private static JsonElement Cell(JsonElement root, string region, string period) =>
        root.GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rows").EnumerateArray())
            .Single(r => r.GetProperty("region_code").GetString() == region)
            .GetProperty("cells").EnumerateArray()
            .Single(c => c.GetProperty("period").GetString() == period);

    [Fact]
    public async Task Status_ShouldExit2AndCreateNothing_WhenTheWarehouseDoesNotExist()
    {
        var (exit, output, error) = await CliRunner.RunAsync("status", "--db", Db, "--period", "2025Q3");

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.Contains(DbPath, error, StringComparison.Ordinal);
        Assert.False(File.Exists(DbPath));
    }

    [Theory]
    [InlineData("--period", "2025Q5")]
    [InlineData("--quarters", "0")]
    [InlineData("--quarters", "41")]
    [InlineData("--format", "html")]
    public async Task Status_ShouldExit2WithOneLine_WhenAnOptionIsWrong(string option, string value)
    {
        await CliRunner.RunAsync("migrate", "--db", Db);

        var (exit, output, error) = await CliRunner.RunAsync("status", "--db", Db, option, value);

        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("prosperity: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ShouldExit2_WhenTheFileIsNotAWarehouse()
    {
        await File.WriteAllTextAsync(DbPath, string.Empty);

        var (exit, _, error) = await CliRunner.RunAsync("status", "--db", Db, "--period", "2025Q3");

        Assert.Equal(2, exit);
        Assert.Contains("cannot be read", error, StringComparison.Ordinal);
        Assert.Contains("prosperity migrate", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ShouldShowAcceptedRejectedResubmittedAndMissingCells_WhenTheDemoAndMoreWereImported()
    {
        await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"));
        var hangzhou = Some.Catalog.FindRegion("330100", Q3)!;
        var rejected = new WorkbookBuilder().For(hangzhou, Q3).WithRawValue("INC_URBAN_PC", "about 80k").Save(_temp.File("hangzhou.xlsx"));
        var resubmission = new WorkbookBuilder().WithValue("TOWN_LISTS", 89m).Save(_temp.File("xinchang-v2.xlsx"));
        Assert.Equal(1, (await CliRunner.RunAsync("import", "--db", Db, rejected)).Exit);
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--db", Db, resubmission)).Exit);

        var (exit, json, _) = await CliRunner.RunAsync("status", "--db", Db, "--period", "2025Q3", "--format", "json");
        var text = await CliRunner.RunAsync("status", "--db", Db, "--period", "2025Q3");

        Assert.Equal(0, exit);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["2024Q4", "2025Q1", "2025Q2", "2025Q3"], root.GetProperty("periods").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("accepted", Cell(root, "330602", "2025Q1").GetProperty("state").GetString());
        Assert.Equal("missing", Cell(root, "330602", "2024Q4").GetProperty("state").GetString());
        Assert.Equal("missing", Cell(root, "330200", "2025Q3").GetProperty("state").GetString());

        var hz = Cell(root, "330100", "2025Q3");
        Assert.Equal("rejected", hz.GetProperty("state").GetString());
        Assert.Equal(1, hz.GetProperty("rejected_count").GetInt32());
        Assert.True(hz.GetProperty("error_count").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Null, hz.GetProperty("submission_id").ValueKind);

        var xinchang = Cell(root, "330624", "2025Q3");
        Assert.StartsWith("accepted", xinchang.GetProperty("state").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, xinchang.GetProperty("superseded_count").GetInt32());
        // The demo published 2025Q3 and left its own correction waiting: the resubmission replaces that
        // correction in review (↻) and waits as a revision (*); the published return stays current.
        Assert.Equal("✓↻*", xinchang.GetProperty("mark").GetString());
        Assert.NotEqual(JsonValueKind.Null, xinchang.GetProperty("pending_submission_id").ValueKind);
        Assert.Equal(0, Cell(root, "330624", "2025Q2").GetProperty("superseded_count").GetInt32());

        var total = root.GetProperty("totals").EnumerateArray().Last();
        Assert.Equal("2025Q3", total.GetProperty("period").GetString());
        // Expected: the 11 cities, the 90 county-level units and the Binhai New Area.
        Assert.Equal((102, 8, 1, 93, 1), (total.GetProperty("expected").GetInt32(), total.GetProperty("accepted").GetInt32(),
            total.GetProperty("rejected").GetInt32(), total.GetProperty("missing").GetInt32(), total.GetProperty("resubmitted").GetInt32()));

        Assert.Equal(0, text.Exit);
        var lines = text.Out.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("  330624", StringComparison.Ordinal) && l.Contains('↻', StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("330100 ", StringComparison.Ordinal) && l.Contains('✗', StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("330200 ", StringComparison.Ordinal) && l.Contains("·          ·", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("missing", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 93", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("✓ accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_ShouldShowFourQuartersEndingWithTheLatestEndedOne_WhenNoPeriodIsGiven()
    {
        await CliRunner.RunAsync("migrate", "--db", Db);

        var (exit, output, _) = await CliRunner.RunAsync("status", "--db", Db, "--format", "csv");

        Assert.Equal(0, exit);
        var latest = Period.LatestEnded(DateTimeOffset.UtcNow);
        var periods = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[4]).Distinct().ToList();
        Assert.Equal(CompletenessMatrix.Quarters(latest, 4).Select(p => p.Code), periods);
    }

    [Fact]
    public void WriteTable_ShouldShowMarksTotalsAndLegend_WhenWrittenToAConsole()
    {
        var summary = new SubmissionSummary
        {
            RegionCode = "330624",
            Period = Q3,
            AcceptedSubmissionId = 5,
            AcceptedReceivedAt = new DateTimeOffset(2025, 10, 11, 20, 0, 0, TimeSpan.Zero),
            SupersededCount = 1,
            LatestSubmissionId = 5,
            LatestReceivedAt = new DateTimeOffset(2025, 10, 11, 20, 0, 0, TimeSpan.Zero),
            LatestStatus = "accepted",
        };
        var matrix = CompletenessMatrix.Build(Some.Catalog, [Q3], [summary]);
        using var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });

        CompletenessWriter.WriteTable(console, matrix);

        var text = writer.ToString();
        Assert.Contains("✓↻ 10-12", text, StringComparison.Ordinal); // 20:00 UTC is the next morning in China
        Assert.Contains("新昌县", text, StringComparison.Ordinal);
        Assert.Contains("missing", text, StringComparison.Ordinal);
        Assert.Contains("↻ resubmitted", text, StringComparison.Ordinal);
    }
}
