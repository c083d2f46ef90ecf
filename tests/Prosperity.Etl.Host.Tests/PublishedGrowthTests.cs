using System.Text.Json;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// A bulletin's printed growth (比上年增长%, comparable basis) is the growth ranked, and is checked
/// against the growth of the two levels and against its own printed growth ranks. The fixtures are
/// written by openpyxl (tests/fixtures/returns/make_fixtures.py).
/// </summary>
public sealed class PublishedGrowthTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Db => "sqlite:" + _temp.File("warehouse.db");

    private static string ThisYear => Fixtures.Return("openpyxl-bulletin-growth-2025Q3.xlsx");

    private static string LastYear => Fixtures.Return("openpyxl-bulletin-level-2024Q3.xlsx");

    private async Task<Dictionary<string, JsonElement>> RankAsync()
    {
        var (exit, output, error) = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--level", "city", "--indicator", "INC_URBAN_PC", "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("region_code").GetString()!, e => e.Clone());
    }

    [Fact]
    public async Task Rank_ShouldRankThePrintedGrowth_WhenTheBulletinIsImportedAloneIntoAnEmptyWarehouse()
    {
        var (exit, output, error) = await CliRunner.RunAsync("import", "--db", Db, ThisYear);
        Assert.True(exit == 0, output + error);

        var ranks = await RankAsync();

        // The printed growth, ranked by hand: Lishui 5.5 first, Wenzhou and Jinhua tied at 4.8, Taizhou 4.2 last.
        var expected = new Dictionary<string, (decimal Growth, int Rank)>
        {
            ["331100"] = (5.5m, 1), ["330800"] = (5.3m, 2), ["330500"] = (5.1m, 3), ["330400"] = (5.0m, 4),
            ["330300"] = (4.8m, 5), ["330700"] = (4.8m, 5), ["330600"] = (4.7m, 7), ["330200"] = (4.6m, 8),
            ["330100"] = (4.5m, 9), ["330900"] = (4.3m, 10), ["331000"] = (4.2m, 11),
        };
        Assert.Equal(11, ranks.Count);
        foreach (var (code, (growth, rank)) in expected)
        {
            Assert.Equal(growth, ranks[code].GetProperty("growth").GetDecimal());
            Assert.Equal(rank, ranks[code].GetProperty("growth_rank").GetInt32());
        }
    }

    [Fact]
    public async Task Inspect_ShouldWarnAtTheCell_WhenAPrintedGrowthRankDisagreesWithTheRankOfThePrintedGrowth()
    {
        var (_, output, _) = await CliRunner.RunAsync("inspect", ThisYear);

        // Taizhou (row 15) is printed 9th on a growth of 4.2 that is 11th; the tie of Wenzhou and Jinhua (5 and 6) is accepted.
        Assert.Equal(1, CountOf(output, "PUB002"));
        Assert.Contains("表2!D15 PUB002", output, StringComparison.Ordinal);
        Assert.Contains("published growth of INC_URBAN_PC (stored as published growth, %)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ShouldAddTheGrowthWarning_OnlyWhenLastYearsTableIsLoaded()
    {
        var alone = await CliRunner.RunAsync("import", "--db", "sqlite:" + _temp.File("alone.db"), ThisYear);
        Assert.Contains("1 warning(s)", alone.Out, StringComparison.Ordinal); // the wrong printed rank alone

        var (exit, _, _) = await CliRunner.RunAsync("import", "--db", Db, LastYear);
        Assert.Equal(0, exit);
        var (_, output, _) = await CliRunner.RunAsync("import", "--db", Db, ThisYear);
        Assert.Contains("2 warning(s)", output, StringComparison.Ordinal); // and Shaoxing's printed growth

        // The printed growth is what is ranked, not the 4.4 % of the two levels.
        var ranks = await RankAsync();
        Assert.Equal(4.7m, ranks["330600"].GetProperty("growth").GetDecimal());
        Assert.Equal(7, ranks["330600"].GetProperty("growth_rank").GetInt32());
    }

    [Fact]
    public async Task Rank_ShouldComputeGrowthFromTheTwoLevels_WhereNoGrowthIsPublished()
    {
        var (exit, _, _) = await CliRunner.RunAsync("import", "--db", Db, LastYear);
        Assert.Equal(0, exit);
        var sample = _temp.File(Prosperity.Etl.Samples.ProvinceBulletin.FileName);
        Prosperity.Etl.Samples.ProvinceBulletin.Write(sample);
        (exit, _, _) = await CliRunner.RunAsync("import", "--db", Db, sample);
        Assert.Equal(0, exit);

        // The rural income of last year is not loaded and the sample prints growth: published growth is used.
        var (_, output, _) = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--level", "city", "--indicator", "INC_ALL_PC", "--format", "json");
        using var json = JsonDocument.Parse(output);

        // The all-residents income has no printed growth in the sample and no level last year: no growth.
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("growth").ValueKind));
    }

    private static int CountOf(string text, string word)
    {
        var count = 0;
        for (var i = text.IndexOf(word, StringComparison.Ordinal); i >= 0; i = text.IndexOf(word, i + word.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    public void Dispose() => _temp.Dispose();
}
