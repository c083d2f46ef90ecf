using System.Text.Json;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Samples;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

public sealed class BulletinImportTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Db => "sqlite:" + _temp.File("warehouse.db");

    private string Bulletin()
    {
        var path = _temp.File(ProvinceBulletin.FileName);
        ProvinceBulletin.Write(path);
        return path;
    }

    private async Task<Dictionary<string, JsonElement>> RankAsync(string indicator)
    {
        var (exit, output, error) = await CliRunner.RunAsync("rank", "--db", Db, "--period", "2025Q3", "--level", "city", "--indicator", indicator, "--format", "json");
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        return json.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("region_code").GetString()!, e => e.Clone());
    }

    [Theory]
    [InlineData("INC_URBAN_PC")]
    [InlineData("INC_RURAL_PC")]
    [InlineData("RATIO_URBAN_RURAL")]
    [InlineData("INC_ALL_PC")]
    public async Task Rank_ShouldReproduceTheRanksTheBulletinPublishes_WhenTheBulletinIsImported(string indicator)
    {
        var path = Bulletin();
        var (exit, output, _) = await CliRunner.RunAsync("import", "--db", Db, path);
        Assert.Equal(0, exit);
        Assert.Contains("accepted as submission #1 (bulletin, 12 regions 2025Q3, 48 values)", output, StringComparison.Ordinal);

        var ranks = await RankAsync(indicator);

        var published = new BulletinWorkbookReader(Some.Catalog).TryRead(path)!.Table!.Ranks.Where(r => r.IndicatorCode == indicator).ToList();
        Assert.Equal(12, published.Count); // eleven cities and Shaoxing's rank row
        Assert.All(published, p => Assert.Equal(p.Rank, ranks[p.Region.Code].GetProperty("rank").GetInt32()));
        Assert.Equal(11, ranks.Count);
        Assert.All(ranks.Values, r => Assert.Equal((11, 0), (r.GetProperty("peer_count").GetInt32(), r.GetProperty("missing").GetInt32())));
    }

    [Fact]
    public async Task Import_ShouldGiveNoRegionCode_WhenTheFileIsABulletinOfManyRegions()
    {
        var collection = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions.AddLogging(collection);
        collection.AddProsperity(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), Db);
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(collection);
        await provider.EnsureWarehouseAsync(CancellationToken.None);
        var importer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Import.SubmissionImporter>(provider);

        var outcome = await importer.ImportAsync(Bulletin());

        // The inbox ledger stores this field as a region code.
        Assert.Null(outcome.RegionCode);
        Assert.Equal(12, outcome.BulletinRegions);
        Assert.Contains("(bulletin, 12 regions 2025Q3, 48 values)", outcome.Summary(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ShouldSkipTheBulletin_WhenItWasLoadedBefore()
    {
        var path = Bulletin();
        await CliRunner.RunAsync("import", "--db", Db, path);

        var (exit, output, _) = await CliRunner.RunAsync("import", "--db", Db, path);

        Assert.Equal(0, exit);
        Assert.Contains("already loaded as submission #1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rank_ShouldPreferTheCitysOwnReturn_OverTheBulletinFigure()
    {
        var shaoxing = Some.Catalog.FindRegion("330600", Some.Period)!;
        var own = new WorkbookBuilder().For(shaoxing, Some.Period).WithValue("INC_URBAN_PC", 70_500m).Save(_temp.File("330600.xlsx"));
        await CliRunner.RunAsync("import", "--db", Db, own);
        var (exit, _, _) = await CliRunner.RunAsync("import", "--db", Db, Bulletin());
        Assert.Equal(0, exit);
        // Importing the return again (another file) supersedes the return, not the bulletin.
        var again = new WorkbookBuilder().For(shaoxing, Some.Period).WithValue("INC_URBAN_PC", 70_600m).Save(_temp.File("330600-v2.xlsx"));
        Assert.Equal(0, (await CliRunner.RunAsync("import", "--db", Db, again)).Exit);

        var ranks = await RankAsync("INC_URBAN_PC");

        Assert.Equal(70_600m, ranks["330600"].GetProperty("value").GetDecimal());
        Assert.Equal(73_460m, ranks["330100"].GetProperty("value").GetDecimal());
        Assert.Equal(3, ranks["330600"].GetProperty("rank").GetInt32());
    }

    public void Dispose() => _temp.Dispose();
}
