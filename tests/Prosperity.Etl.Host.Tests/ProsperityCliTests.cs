using System.Globalization;
using System.Text.Json;
using Dapper;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Samples;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

public sealed class ProsperityCliTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Db => "sqlite:" + _temp.File("warehouse.db");

    private async Task<string> StarSnapshotAsync()
    {
        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        var lines = new List<string>();
        foreach (var table in new[] { "dw_region", "dw_period", "dw_indicator", "dw_fact_indicator_value" })
        {
            var rows = await c.QueryAsync($"SELECT * FROM {table}");
            lines.AddRange(rows.Select(r => table + string.Join("|", ((IDictionary<string, object?>)r).Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)))));
        }

        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Import_ShouldPrintOneLineNamingTheFileAndExit1_WhenTheFileIsNotAWorkbook()
    {
        await CliRunner.RunAsync("import", "--db", Db, new WorkbookBuilder().Save(_temp.File("good.xlsx")));
        var before = await StarSnapshotAsync();
        var bad = _temp.File("report.xlsx");
        await File.WriteAllTextAsync(bad, "district figures, typed in a text editor");

        var (exit, output, error) = await CliRunner.RunAsync("import", "--db", Db, bad);

        Assert.Equal(1, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // the file's line and the summary line
        Assert.StartsWith("report.xlsx: rejected: STR001", lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
        Assert.Equal(before, await StarSnapshotAsync());
    }

    [SkippableFact]
    public async Task Import_ShouldRejectANamedPipeAtOnce_InsteadOfWaitingForAWriter()
    {
        Skip.IfNot(File.Exists("/usr/bin/mkfifo"), "mkfifo is not installed");
        var pipe = _temp.File("pipe.xlsx");
        using (var mkfifo = System.Diagnostics.Process.Start("/usr/bin/mkfifo", [pipe]))
        {
            await mkfifo.WaitForExitAsync();
        }

        var run = CliRunner.RunAsync("import", "--db", Db, pipe);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.Same(run, finished);
        var (exit, output, _) = await run;
        Assert.Equal(1, exit);
        Assert.Contains("pipe.xlsx: rejected: STR001", output, StringComparison.Ordinal);
        Assert.Contains("not a regular file", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ShouldRefreshTheRankingFacts_OfThePeriodsItTouched()
    {
        var file = new WorkbookBuilder().Save(_temp.File("a.xlsx"));

        var (exit, output, _) = await CliRunner.RunAsync("import", "--db", Db, file);

        Assert.Equal(0, exit);
        Assert.Contains("Rankings refreshed for 2025Q3", output, StringComparison.Ordinal);
        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        Assert.True(await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dw_fact_ranking") > 0);
    }

    [Fact]
    public async Task Import_ShouldExit0_WhenEveryFileIsAcceptedOrAlreadyLoaded()
    {
        var folder = Directory.CreateDirectory(_temp.File("inbox")).FullName;
        new WorkbookBuilder().Save(Path.Combine(folder, "a.xlsx"));

        var first = await CliRunner.RunAsync("import", "--db", Db, folder);
        var second = await CliRunner.RunAsync("import", "--db", Db, folder);

        Assert.Equal(0, first.Exit);
        Assert.Contains("a.xlsx: accepted as submission #1", first.Out, StringComparison.Ordinal);
        Assert.Equal(0, second.Exit);
        Assert.Contains("already loaded as submission #1", second.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ShouldPrintShaoxingsCountyRanking_AndBeSafeToRunAgain()
    {
        var samples = _temp.File("samples");

        var (exit, output, _) = await CliRunner.RunAsync("demo", "--db", Db, "--samples", samples);
        var again = await CliRunner.RunAsync("demo", "--db", Db, "--samples", samples);

        Assert.Equal(0, exit);
        Assert.Contains("25 file(s): 25 accepted", output, StringComparison.Ordinal); // 24 returns and the province bulletin table
        Assert.Contains("柯桥区 Keqiao District", output, StringComparison.Ordinal);
        Assert.Contains("78,936", output, StringComparison.Ordinal);
        Assert.Contains("6 of 6 ranked, 0 missing; lower is better", output, StringComparison.Ordinal);
        Assert.Equal(0, again.Exit);
        Assert.Contains("25 file(s): 0 accepted (0 with warnings), 25 already loaded, 0 rejected", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_ShouldCompareAllElevenCities_WithTheProvinceBulletin()
    {
        var (exit, output, _) = await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"));

        Assert.Equal(0, exit);
        var cities = Some.Catalog.Regions.Where(r => r.Level == Domain.RegionLevel.City && r.ParentCode == "330000" && r.ValidTo is null).ToList();
        Assert.Equal(11, cities.Count);
        foreach (var city in cities)
        {
            Assert.Contains($"{city.NameZh} {city.NameEn}", output, StringComparison.Ordinal);
        }

        Assert.Contains("11 of 11 ranked, 0 missing; higher is better", output, StringComparison.Ordinal);
        Assert.Contains("73,460", output, StringComparison.Ordinal); // Hangzhou's urban income, from the bulletin
    }

    [Fact]
    public async Task Demo_ShouldApproveAndPublishTheSampleQuarters_ThenHoldTheCorrectionAsARevision_WhenReviewIsOnAsByDefault()
    {
        var samples = _temp.File("samples");

        var (exit, output, _) = await CliRunner.RunReviewedAsync("demo", "--db", Db, "--samples", samples);
        var again = await CliRunner.RunReviewedAsync("demo", "--db", Db, "--samples", samples);

        Assert.True(exit == 0, output);
        Assert.Contains("25 file(s): 1 accepted (0 with warnings), 24 waiting for review", output, StringComparison.Ordinal);
        Assert.Contains("Approved 24 return(s)", output, StringComparison.Ordinal);
        Assert.Contains("Published 2025Q3 (2025年前三季度) as release 1: 8 approved return(s).", output, StringComparison.Ordinal);
        Assert.Contains("a revision of the published 2025Q3, waiting for review; the published figures are unchanged", output, StringComparison.Ordinal);
        // The published urban income of Xinchang is ranked, not the correction's 63,120.
        Assert.Contains("62,845", output, StringComparison.Ordinal);
        Assert.DoesNotContain("63,120", output, StringComparison.Ordinal);

        Assert.Equal(0, again.Exit);
        Assert.Contains("2025Q3 is already published as release 1; nothing new to publish.", again.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Approved 24", again.Out, StringComparison.Ordinal);
        Assert.Contains("is a revision waiting for review", again.Out, StringComparison.Ordinal);
        Assert.Contains("1 return(s) pending review (1 revision(s)), not counted", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rank_ShouldPrintJson_WithOneObjectPerRegion()
    {
        await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"));

        var (exit, output, _) = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--indicator", "INC_RURAL_PC", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(7, rows.Count);
        var first = rows[0];
        Assert.Equal("330603", first.GetProperty("region_code").GetString());
        Assert.Equal("柯桥区", first.GetProperty("region_name_zh").GetString());
        Assert.Equal(52_378m, first.GetProperty("value").GetDecimal());
        Assert.Equal(1, first.GetProperty("rank").GetInt32());
        Assert.Equal(6, first.GetProperty("peer_count").GetInt32()); // Binhai New Area is ranked beside them, in a group of its own
        Assert.Equal(("Functional areas of Shaoxing", "F330601", 1), (rows[6].GetProperty("peer_group").GetString(), rows[6].GetProperty("region_code").GetString(), rows[6].GetProperty("rank").GetInt32()));
        Assert.Equal(0, first.GetProperty("missing").GetInt32());
        Assert.Equal((45_183m, "parent", "全市"), (first.GetProperty("reference_value").GetDecimal(), first.GetProperty("reference_kind").GetString(), first.GetProperty("reference_label").GetString()));
    }

    [Fact]
    public async Task Rank_ShouldCountTheTenOtherCitiesAsMissing_AtCityLevel_WhenOnlyTheReturnsAreImported()
    {
        var returns = _temp.File("returns");
        DemoSubmissions.WriteAll(Some.Catalog, returns, overwrite: true);
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--db", Db, returns)).Exit);

        var (exit, output, _) = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--level", "city", "--indicator", "INC_URBAN_PC", "--format", "csv");

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(12, lines.Length);
        Assert.StartsWith("2025Q3,Cities of Zhejiang,INC_URBAN_PC,330600,绍兴市,Shaoxing,69987,69987,1,1,10", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rank_ShouldPrintGrowthAndRankChange_InTheJson()
    {
        await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"));

        var (exit, output, _) = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--indicator", "INC_RURAL_PC", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var first = json.RootElement[0];
        // No 2024 figures in the demo: growth is missing, not zero; Q2 ranks exist, so the change does.
        Assert.Equal(JsonValueKind.Null, first.GetProperty("growth").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("growth_rank").ValueKind);
        Assert.Equal(0, first.GetProperty("rank_change").GetInt32());
        Assert.Equal("52378", first.GetProperty("value").GetRawText());
        Assert.Equal("INC_RURAL_PC", first.GetProperty("indicator_code").GetString());
        Assert.Equal("Keqiao District", first.GetProperty("region_name_en").GetString());
    }

    [Fact]
    public async Task Rank_ShouldRankGrowthAgainstTheSamePeriodLastYear_WhenBothYearsAreLoaded()
    {
        var lastYear = new Domain.Period(2024, 3);
        var files = new[]
        {
            new WorkbookBuilder().For(Some.Xinchang, lastYear).WithValue("INC_URBAN_PC", 60_000m).Save(_temp.File("xc24.xlsx")),
            new WorkbookBuilder().For(Some.Xinchang, Some.Period).WithValue("INC_URBAN_PC", 62_845m).Save(_temp.File("xc25.xlsx")),
            new WorkbookBuilder().For(Some.Keqiao, lastYear).WithValue("INC_URBAN_PC", 76_000m).Save(_temp.File("kq24.xlsx")),
            new WorkbookBuilder().For(Some.Keqiao, Some.Period).WithValue("INC_URBAN_PC", 78_936m).Save(_temp.File("kq25.xlsx")),
        };
        Assert.Equal(0, (await CliRunner.RunAsync(["import", "--db", Db, .. files])).Exit);

        var (exit, output, _) = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--indicator", "INC_URBAN_PC", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var rows = json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("region_code").GetString()!);
        // Xinchang 62,845 / 60,000 = +4.74 % -> 4.7; Keqiao 78,936 / 76,000 = +3.86 % -> 3.9.
        Assert.Equal((4.7m, 1), (rows["330624"].GetProperty("growth").GetDecimal(), rows["330624"].GetProperty("growth_rank").GetInt32()));
        Assert.Equal((3.9m, 2), (rows["330603"].GetProperty("growth").GetDecimal(), rows["330603"].GetProperty("growth_rank").GetInt32()));
        Assert.Equal(1, rows["330603"].GetProperty("rank").GetInt32());

        var table = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--indicator", "INC_URBAN_PC");
        Assert.Contains("+4.7% (1)", table.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rank_ShouldMaterialiseTheSameRankingFacts_WhenRefreshedTwice()
    {
        await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"));

        var first = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--refresh", "--format", "csv");
        var before = await RankingFactsAsync();
        var second = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--refresh", "--format", "csv");

        Assert.Equal((0, 0), (first.Exit, second.Exit));
        Assert.Contains("Materialised", first.Err, StringComparison.Ordinal);
        Assert.NotEmpty(before);
        Assert.Equal(before, await RankingFactsAsync());
        // Shaoxing's units at county and at province-county level, the cities (all 11, with the bulletin), each with the index.
        Assert.Contains(before, l => l.StartsWith("county:330600|SP_INDEX|", StringComparison.Ordinal));
        Assert.Contains(before, l => l.StartsWith("province-county:330000|INC_URBAN_PC|", StringComparison.Ordinal));
        Assert.Contains(before, l => l.StartsWith("city:330000|INC_URBAN_PC|330600|69987|3|11|0|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rank_ShouldSayTheIndexIsNotPublished_ForTheCitiesWhereOneCityReports_AndRefuseToRankThePopulation()
    {
        await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"));

        var city = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--level", "city", "--indicator", "SP_INDEX");
        var county = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--indicator", "SP_INDEX");
        var population = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--indicator", "POP_RESIDENT");

        Assert.Equal(0, city.Exit);
        Assert.Contains("Not published: 0 unit(s) with an index", Flat(city.Out), StringComparison.Ordinal);
        Assert.Contains("6 of 6 ranked", county.Out, StringComparison.Ordinal); // Shaoxing's six county-level units: published
        Assert.Equal(2, population.Exit);
        Assert.Contains("resident population", population.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", population.Err, StringComparison.Ordinal);
    }

    private static string Flat(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.TrimEntries));

    [Fact]
    public async Task Rank_ShouldPrintOneLinePerLevel_WhenRefreshedWithoutAskingForATable()
    {
        await CliRunner.RunAsync("demo", "--db", Db, "--samples", _temp.File("samples"));

        var summary = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--refresh", "--level", "province-county");
        var table = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--refresh", "--indicator", "INC_URBAN_PC");

        Assert.Equal((0, 0), (summary.Exit, table.Exit));
        var lines = summary.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["city:", "county:", "province-county:"], lines.Select(l => l[..(l.IndexOf(':', StringComparison.Ordinal) + 1)]));
        Assert.StartsWith("city: 1 peer group, ", lines[0], StringComparison.Ordinal);
        Assert.Contains(" ranked, ", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("INC_URBAN_PC", summary.Out, StringComparison.Ordinal);
        Assert.Contains("Materialised", summary.Err, StringComparison.Ordinal);
        Assert.Contains("ranked", table.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("province-county:", table.Out, StringComparison.Ordinal);
    }

    private async Task<List<string>> RankingFactsAsync()
    {
        await using var c = await new SqliteConnectionFactory(_temp.File("warehouse.db")).OpenAsync();
        var rows = await c.QueryAsync<(string, string, string, double?, long?, long, long)>(
            "SELECT peer_group_code, indicator_code, region_code, CAST(value AS REAL), rank, peer_count, missing FROM bi_ranking WHERE period_code = '2025Q3'");
        return rows.Select(r => string.Join("|", r.Item1, r.Item2, r.Item3, Convert.ToString(r.Item4, CultureInfo.InvariantCulture), r.Item5, r.Item6, r.Item7) + "|")
            .Order(StringComparer.Ordinal).ToList();
    }

    [Fact]
    public async Task Template_ShouldWriteAWorkbookTheReaderRecognises()
    {
        var path = _temp.File("t.xlsx");

        var (exit, output, _) = await CliRunner.RunAsync("template", "--region", "330624", "--period", "2025Q3", "--out", path);

        Assert.Equal(0, exit);
        Assert.Contains("新昌县", output, StringComparison.Ordinal);
        var read = new Excel.SubmissionWorkbookReader().Read(path);
        Assert.Equal("330624", read.Submission!.RegionCode.Text);
        Assert.All(read.Submission.Values, v => Assert.Null(v.Number));
    }

    [Theory]
    [InlineData("330600", 8, "2025-10-10", null)]
    [InlineData("330000", 102, "2025-10-10", null)]
    [InlineData("330600", 8, "2025-10-15", "2025-10-15")]
    public async Task TemplateAll_ShouldWriteOneWorkbookPerUnitOfTheJurisdiction_WithTheDueDateOnTheCover(string office, int units, string due, string? configured)
    {
        var folder = _temp.File("templates-" + office);
        var settings = new Dictionary<string, string?> { ["Office:Region"] = office };
        if (configured is not null)
        {
            settings["Review:DueDates:2025Q3"] = configured;
        }

        var (exit, output, _) = await CliRunner.RunWithAsync(settings, "template", "--all", "--period", "2025Q3", "--out", folder);

        Assert.True(exit == 0, output);
        Assert.Contains($"Wrote {units} templates", output, StringComparison.Ordinal);
        var files = Directory.GetFiles(folder, "*.xlsx").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(units, files.Count);
        Assert.Contains(files, f => Path.GetFileName(f) == "330624_XinchangCounty_2025Q3.xlsx");
        if (office == "330600")
        {
            Assert.All(files, f => Assert.Matches("^(3306|F3306)", Path.GetFileName(f)));
        }

        // The cover as a district's spreadsheet program shows it: the due date under the format version.
        using var workbook = new ClosedXML.Excel.XLWorkbook(files[0]);
        var cover = workbook.Worksheet("封面 Cover");
        var row = cover.RowsUsed().Single(r => r.Cell(1).GetString() == "报送截止日期");
        Assert.Equal(DateTime.Parse(due, CultureInfo.InvariantCulture), row.Cell(3).GetDateTime());
        var read = new Excel.SubmissionWorkbookReader().Read(files[0]);
        Assert.NotNull(read.Submission);
    }

    [Theory]
    [InlineData("template", "--region", "999999", "--period", "2025Q3", "--out", "x.xlsx")]
    [InlineData("template", "--region", "330624", "--period", "2025Q9", "--out", "x.xlsx")]
    [InlineData("rank", "--period", "2025Q3", "--indicator", "NOPE")]
    [InlineData("rank", "--period", "2025Q3", "--level", "town")]
    [InlineData("rank", "--period", "2025Q3", "--db", "oracle:x")]
    [InlineData("import")]
    [InlineData("frobnicate")]
    public async Task Verbs_ShouldExit2WithAPlainMessage_OnUsageErrors(params string[] args)
    {
        var (exit, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, exit);
        Assert.StartsWith("prosperity: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output + error, StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
