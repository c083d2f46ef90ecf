using System.Globalization;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Data.Tests;

/// <summary>What every dialect must do for ranking facts and bulletin figures (0005, 0006), run by a subclass per dialect.</summary>
public abstract class RankingContractTests : IDisposable
{
    private readonly Lazy<(IConnectionFactory Connections, SqlDialect Dialect, ISchemaMigrator Migrator)> _target;

    protected RankingContractTests()
    {
        _target = new(CreateTarget);
    }

    protected TempFolder Temp { get; } = new();

    protected FixedTimeProvider Clock { get; } = Some.Clock;

    /// <summary>A fresh, empty warehouse of the dialect under test.</summary>
    protected abstract (IConnectionFactory Connections, SqlDialect Dialect, ISchemaMigrator Migrator) CreateTarget();

    protected IConnectionFactory Connections => _target.Value.Connections;

    protected SqlDialect Dialect => _target.Value.Dialect;

    /// <summary>The dialect's warehouse (its own load path); the shared Dapper one by default.</summary>
    /// <summary>The engine's ranking store (the shared one unless the engine bulk-loads).</summary>
    protected virtual RankingStore CreateRankingStore() => new(Connections, Dialect, Clock);

    protected virtual DapperWarehouse CreateWarehouse() => new(Connections, Dialect, _target.Value.Migrator, Clock, NullLogger<DapperWarehouse>.Instance);

    private async Task<SubmissionImporter> ReadyImporterAsync()
    {
        var warehouse = CreateWarehouse();
        await warehouse.EnsureReadyAsync(Some.Catalog);
        return new SubmissionImporter(new SubmissionWorkbookReader(), new SubmissionValidator(Some.Catalog, Clock), warehouse,
            new ImportOptions(), Clock, NullLogger<SubmissionImporter>.Instance);
    }

    private async Task<long> CountAsync(string table, string where = "1 = 1")
    {
        await using var c = await Connections.OpenAsync();
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE {where}");
    }

    private async Task<string> SnapshotAsync(string table)
    {
        await using var c = await Connections.OpenAsync();
        var rows = await c.QueryAsync($"SELECT * FROM {table}");
        return string.Join("\n", rows.Select(r => string.Join("|", ((IDictionary<string, object?>)r).Select(kv =>
            $"{kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture)}"))).Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Temp.Dispose();
        }
    }

    private static Region City(string code) => Some.Catalog.FindRegion(code, Some.Period)!;

    private static BulletinTable Bulletin(decimal shaoxingUrban) => new("2025年1-3季度全省各市城乡居民人均可支配收入", Some.Period, "表3",
        [
            new(City("330600"), Some.UrbanIncome, shaoxingUrban, new CellRef("表3", "B11")),
            new(City("330100"), Some.UrbanIncome, 73_460m, new CellRef("表3", "B6")),
        ], []);

    private static SourceFile File(string name) => new("/in/" + name, name, name.PadRight(64, '0'), 100, Some.Clock.GetUtcNow());

    [SkippableFact]
    public async Task RankingStore_ShouldWriteTheSameRows_WhenThePeriodIsRefreshedTwice()
    {
        var warehouse = CreateWarehouse();
        await warehouse.EnsureReadyAsync(Some.Catalog);
        await new BulletinStore(Connections, Dialect, Clock).LoadAsync(File("b.xlsx"), Bulletin(69_987m));
        var materialiser = new RankingMaterialiser(new RankingService(warehouse, Some.Catalog), CreateRankingStore());

        var first = await materialiser.RefreshAsync(Some.Period);
        var snapshot = await SnapshotAsync(Dialect.Table("dw", "fact_ranking"));
        var second = await materialiser.RefreshAsync(Some.Period);

        Assert.Equal(first, second);
        Assert.Equal(snapshot, await SnapshotAsync(Dialect.Table("dw", "fact_ranking")));
        Assert.Equal(first.Rows, await CountAsync(Dialect.Table("dw", "fact_ranking")));
        await using var c = await Connections.OpenAsync();
        var hangzhou = await c.QuerySingleAsync<(long Rank, long PeerCount, long Missing, string Kind)>(
            $"SELECT rank, peer_count, missing, reference_kind FROM {Dialect.Table("bi", "ranking")} WHERE region_code = '330100' AND indicator_code = 'INC_URBAN_PC' AND peer_level = 'city'");
        Assert.Equal((1L, 2L, 9L, "mean"), hangzhou);
    }

    [SkippableFact]
    public async Task RankingStore_ShouldWriteWhatTheSharedDapperPathWrites_WhenTheEngineBulkLoads()
    {
        var warehouse = CreateWarehouse();
        await warehouse.EnsureReadyAsync(Some.Catalog);
        await new BulletinStore(Connections, Dialect, Clock).LoadAsync(File("b.xlsx"), Bulletin(69_987m));
        var ranking = new RankingService(warehouse, Some.Catalog);
        var view = Dialect.Table("bi", "ranking");

        var shared = await new RankingMaterialiser(ranking, new RankingStore(Connections, Dialect, Clock)).RefreshAsync(Some.Period);
        var expected = await SnapshotAsync(view);
        var engine = await new RankingMaterialiser(ranking, CreateRankingStore()).RefreshAsync(Some.Period);

        Assert.Equal(shared, engine);
        Assert.True(shared.Rows > 0);
        Assert.Equal(expected, await SnapshotAsync(view));
        Assert.Equal(1, await CountAsync(Dialect.Table("etl", "ranking_refresh")));
        await using var c = await Connections.OpenAsync();
        Assert.Equal(await c.ExecuteScalarAsync<long>($"SELECT COUNT(DISTINCT peer_group_code) FROM {view}"), await CountAsync(Dialect.Table("dw", "peer_group")));
    }

    [SkippableFact]
    public async Task CurrentValues_ShouldPreferTheRegionsOwnReturn_OverABulletinFigure()
    {
        var importer = await ReadyImporterAsync();
        var shaoxing = City("330600");
        await importer.ImportAsync(new WorkbookBuilder().For(shaoxing, Some.Period).WithValue("INC_URBAN_PC", 70_500m).Save(Temp.File("sx.xlsx")));
        var store = new BulletinStore(Connections, Dialect, Clock);

        await store.LoadAsync(File("b1.xlsx"), Bulletin(69_000m));
        var revised = await store.LoadAsync(File("b2.xlsx"), Bulletin(69_987m));

        Assert.Equal(2, revised.Superseded);
        var current = (await CreateWarehouse().GetCurrentValuesAsync(Some.Period, "INC_URBAN_PC")).ToDictionary(v => v.RegionCode, v => v.Value);
        Assert.Equal(70_500m, current["330600"]);
        Assert.Equal(73_460m, current["330100"]);
        Assert.Equal(2, current.Count);
        Assert.Equal(1, await CountAsync(Dialect.Submission, "status = 'accepted' AND source_kind = 'return'"));
        Assert.Equal(2, await CountAsync(Dialect.Submission, "status = 'accepted' AND source_kind = 'bulletin'"));

        // Published by the province: approved at once, the later table recorded as a revision with its audit rows.
        Assert.Equal(2, await CountAsync(Dialect.Submission, "status = 'accepted' AND source_kind = 'bulletin' AND is_revision = " + (Dialect.Name == "sqlserver" ? "1" : "TRUE") + " AND approved_by = 'province bulletin' AND approved_at IS NOT NULL"));
        Assert.Equal(2, await CountAsync(Dialect.Table("etl", "review_action"), "action = 'bulletin'"));
        Assert.Equal(2, await CountAsync(Dialect.Table("etl", "review_action"), "action = 'bulletin_revision'"));
    }
}
