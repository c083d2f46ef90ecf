using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// A city bureau's quarter through the command line, with review on (the default): returns are
/// approved and the quarter published; then the files that used to overwrite official figures (a
/// blank template, last quarter's template with this quarter's figures, a cover code switched to a
/// neighbour's, the same figures saved again, a late correction) leave the published figures and
/// rankings as they were. The edited workbooks are saved by openpyxl, as a district's script would.
/// </summary>
public abstract class ReviewStoryTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private static readonly Period Q2 = new(2025, 2);
    private static readonly Period Q3 = new(2025, 3);

    protected TempFolder Temp { get; } = new();

    /// <summary>The --db value of a new, empty warehouse.</summary>
    protected abstract string Db { get; }

    [SkippableFact]
    public async Task BlankTemplate_ShouldBeRefused_AndLeaveThePublishedFiguresAndRankingsUnchanged()
    {
        var ids = await PublishedQuarterAsync();
        var before = await OfficialAsync();

        var blank = Temp.File("新昌县-2025Q3-blank.xlsx");
        Assert.Equal(0, (await Cli("template", "--region", "330624", "--period", "2025Q3", "--out", blank)).Exit);
        var scripted = Openpyxl(ids.Q3File, Temp.File("330624_2025Q3_cleared.xlsx"), """
            ws = wb['指标 Indicators']
            for row in ws.iter_rows(min_row=6):
                if row[1].value: row[5].value = None
            """);

        foreach (var file in new[] { blank, scripted })
        {
            var (exit, output, _) = await Cli("import", file);
            Assert.Equal(1, exit);
            Assert.Contains("rejected", output, StringComparison.Ordinal);
            Assert.Contains("STR006", output, StringComparison.Ordinal);
        }

        Assert.Equal(before, await OfficialAsync());
    }

    [SkippableFact]
    public async Task LastQuartersTemplate_ShouldBeRefusedWhereTheFileNameSaysTheQuarter_ElseWaitAsARevision_AndRestoreShouldPutTheOriginalBack()
    {
        var ids = await PublishedQuarterAsync();
        var before = await OfficialAsync();

        // The 2025Q2 template filled in with this quarter's figures, named for 2025Q3.
        var script = """
            ws = wb['指标 Indicators']
            rows = {row[1].value: row for row in ws.iter_rows(min_row=6) if row[1].value}
            rows['INC_URBAN_PC'][5].value = 70123
            rows['RATIO_URBAN_RURAL'][5].value = round(70123 / rows['INC_RURAL_PC'][5].value, 2)
            """;
        var named = Openpyxl(ids.Q2File, Temp.File("330624-2025Q3-更正.xlsx"), script);
        var (exit, output, _) = await Cli("import", named);
        Assert.Equal(1, exit);
        Assert.Contains("REF008", output, StringComparison.Ordinal);
        Assert.Contains("封面 Cover!C7", output, StringComparison.Ordinal);

        // Named without a quarter: it is a return for 2025Q2, which is published, so it waits as a revision.
        var unnamed = Openpyxl(ids.Q2File, Temp.File("xinchang-correction.xlsx"), script.Replace("70123", "50124", StringComparison.Ordinal));
        (exit, output, _) = await Cli("import", unnamed);
        Assert.Equal(0, exit);
        Assert.Contains("a revision of the published 2025Q2, waiting for review", output, StringComparison.Ordinal);
        Assert.Equal(before, await OfficialAsync());

        // Importing the original file again changes nothing: it was loaded.
        (_, output, _) = await Cli("import", ids.Q3File);
        Assert.Contains("already loaded", output, StringComparison.Ordinal);

        // A real Q3 correction approved as a revision (release 2), then the original restored (release 3).
        var correction = Openpyxl(ids.Q3File, Temp.File("330624_2025Q3_v2.xlsx"), script.Replace("70123", "51000", StringComparison.Ordinal));
        (_, output, _) = await Cli("import", correction);
        var revision = SubmissionNumber(output);
        Assert.Equal(2, (await Cli("approve", "--submission", revision.ToString(System.Globalization.CultureInfo.InvariantCulture))).Exit);
        (exit, output, _) = await Cli("approve", "--submission", revision.ToString(System.Globalization.CultureInfo.InvariantCulture), "--note", "城镇收入更正");
        Assert.Equal(0, exit);
        Assert.Contains("published as release 2", output, StringComparison.Ordinal);
        Assert.NotEqual(before, await OfficialAsync());

        (exit, output, _) = await Cli("restore", "--submission", ids.Q3Xinchang.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "更正有误，恢复原数");
        Assert.Equal(0, exit);
        var restored = SubmissionNumber(output.Split("as #")[1].Insert(0, "#"));
        Assert.NotEqual(before, await OfficialAsync());
        (exit, output, _) = await Cli("approve", "--submission", restored.ToString(System.Globalization.CultureInfo.InvariantCulture), "--note", "恢复原数");
        Assert.Equal(0, exit);
        Assert.Contains("release 3", output, StringComparison.Ordinal);
        Assert.Equal(before, await OfficialAsync());

        var releases = (await Cli("releases", "--period", "2025Q3")).Out;
        Assert.Contains("release 1 (publication)", releases, StringComparison.Ordinal);
        Assert.Contains("release 3 (revision)", releases, StringComparison.Ordinal);
        Assert.Contains("恢复原数", releases, StringComparison.Ordinal);
        Assert.Contains("1 return(s) pending review (1 revision(s))", (await Cli("releases", "--period", "2025Q2")).Out, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task SwitchedCoverCode_ShouldBeRejectedAtTheRegionNameCell()
    {
        var ids = await PublishedQuarterAsync();
        var before = await OfficialAsync();
        var switched = Openpyxl(ids.Q3File, Temp.File("return-2025Q3.xlsx"), """
            ws = wb['封面 Cover']
            for row in ws.iter_rows():
                if row[0].value == '地区代码': row[2].value = '330683'
            """);

        var (exit, output, _) = await Cli("import", switched);

        Assert.Equal(1, exit);
        Assert.Contains("REF007", output, StringComparison.Ordinal);
        Assert.Contains("封面 Cover!C6", output, StringComparison.Ordinal);
        Assert.Equal(before, await OfficialAsync());
    }

    [SkippableFact]
    public async Task SameFiguresSavedAgain_ShouldBeRecordedAsNoChange_AndALateFileShouldShowItsDaysLate()
    {
        var ids = await PublishedQuarterAsync();
        var again = Openpyxl(ids.Q3File, Temp.File("330624_2025Q3_resaved.xlsx"), """
            import datetime
            ws = wb['封面 Cover']
            for row in ws.iter_rows():
                if row[0].value == '填报日期': row[2].value = datetime.datetime(2025, 10, 25)
            """);

        var (exit, output, _) = await Cli("import", again);

        Assert.Equal(0, exit);
        Assert.Contains($"no change: the figures equal submission #{ids.Q3Xinchang}", output, StringComparison.Ordinal);
        Assert.DoesNotContain("revision", output, StringComparison.Ordinal);

        // Due 2025-10-10: Xinchang's file arrived on 2025-10-05, Shengzhou's on 2025-10-20.
        var status = JsonDocument.Parse((await Cli("status", "--period", "2025Q3", "--quarters", "1", "--format", "json")).Out).RootElement;
        var cells = status.GetProperty("groups").EnumerateArray().SelectMany(g => g.GetProperty("rows").EnumerateArray())
            .ToDictionary(r => r.GetProperty("region_code").GetString()!, r => r.GetProperty("cells")[0]);
        Assert.Equal(0, cells["330624"].GetProperty("days_late").GetInt32());
        Assert.Equal(10, cells["330683"].GetProperty("days_late").GetInt32());
        var totals = status.GetProperty("totals")[0];
        Assert.Equal(1, totals.GetProperty("on_time").GetInt32());
        Assert.Equal(1, totals.GetProperty("late").GetInt32());
        // Office:Region 330600: Shaoxing's own 8 units only (the city and its county-level units and functional area).
        Assert.Equal(8, totals.GetProperty("expected").GetInt32());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Cleanup();
        Temp.Dispose();
        GC.SuppressFinalize(this);
    }

    protected virtual void Cleanup()
    {
    }

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Office:Region"] = "330600",
        ["Review:DueDates:2025Q3"] = "2025-10-10",
    };

    private Task<(int Exit, string Out, string Err)> Cli(params string[] args) =>
        CliRunner.RunWithAsync(Settings, [.. args, "--db", Db]);

    // Xinchang's 2025Q2 and 2025Q3 returns and Shengzhou's 2025Q3, each approved, both quarters published.
    private async Task<(string Q2File, string Q3File, long Q3Xinchang)> PublishedQuarterAsync()
    {
        Skip.IfNot(File.Exists(Python) && Run(Python, "-c", "import openpyxl") == 0, "Debian's python3-openpyxl is not installed.");
        var q2 = new WorkbookBuilder().For(Some.Xinchang, Q2).WithValues(Some.Values(30_100m, 19_000m)).Save(Temp.File("330624_2025Q2.xlsx"));
        var q3 = new WorkbookBuilder().Save(Temp.File("330624_2025Q3.xlsx"));
        var shengzhou = new WorkbookBuilder().For(Some.Catalog.FindRegion("330683", Q3)!, Q3).WithValues(Some.Values(60_100m, 38_000m))
            .Save(Temp.File("330683_2025Q3.xlsx"));
        File.SetLastWriteTimeUtc(q3, new DateTime(2025, 10, 5, 2, 0, 0, DateTimeKind.Utc));
        File.SetLastWriteTimeUtc(shengzhou, new DateTime(2025, 10, 20, 2, 0, 0, DateTimeKind.Utc));

        var (exit, output, _) = await Cli("import", q2, q3, shengzhou);
        Assert.True(exit == 0, output);
        Assert.True(output.Contains("3 waiting for review", StringComparison.Ordinal), output);
        var pending = JsonDocument.Parse((await Cli("review", "--format", "json")).Out).RootElement.EnumerateArray()
            .Select(r => r.GetProperty("submission_id").GetInt64()).ToArray();
        Assert.Equal(3, pending.Length);
        Assert.Equal(0, (await Cli(["approve", "--submission", .. pending.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture))])).Exit);
        Assert.Contains("as release 1", (await Cli("publish", "--period", "2025Q3")).Out, StringComparison.Ordinal);
        Assert.Contains("as release 1", (await Cli("publish", "--period", "2025Q2")).Out, StringComparison.Ordinal);
        Assert.Contains("already published", (await Cli("publish", "--period", "2025Q3")).Out, StringComparison.Ordinal);
        return (q2, q3, pending[1]);
    }

    // What is official: the county rankings of both quarters, as JSON.
    private async Task<string> OfficialAsync()
    {
        var q3 = await Cli("rank", "--period", Q3.Code, "--level", "county", "--indicator", "INC_URBAN_PC", "--format", "json");
        var q2 = await Cli("rank", "--period", Q2.Code, "--level", "county", "--indicator", "INC_URBAN_PC", "--format", "json");
        Assert.Equal(0, q3.Exit);
        return q3.Out + q2.Out;
    }

    private static long SubmissionNumber(string output)
    {
        var at = output.IndexOf('#', StringComparison.Ordinal);
        Assert.True(at >= 0, output);
        return long.Parse(new string(output[(at + 1)..].TakeWhile(char.IsDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Opens a copy of source with openpyxl, runs the script body on wb, saves it as target.
    private static string Openpyxl(string source, string target, string body)
    {
        File.Copy(source, target, overwrite: true);
        var script = "import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\n" + body.Replace("\r", string.Empty, StringComparison.Ordinal) + "\nwb.save(sys.argv[1])\n";
        Assert.Equal(0, Run(Python, "-c", script, target));
        return target;
    }

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
}

/// <summary>The review stories on the embedded SQLite warehouse.</summary>
public sealed class SqliteReviewStoryTests : ReviewStoryTests
{
    protected override string Db => "sqlite:" + Temp.File("warehouse.db");
}

/// <summary>The review stories on PostgreSQL.</summary>
public sealed class PostgresReviewStoryTests : ReviewStoryTests
{
    private readonly string _database = TestPostgresServer.NewName("prosperity_review");
    private bool _created;

    protected override string Db
    {
        get
        {
            Skip.If(TestPostgresServer.ConnectionString is null, TestPostgresServer.SkipReason);
            if (!_created)
            {
                TestPostgresServer.Create(_database);
                _created = true;
            }

            return "postgres:" + TestPostgresServer.To(_database);
        }
    }

    protected override void Cleanup()
    {
        if (_created)
        {
            TestPostgresServer.Drop(_database);
        }
    }
}
