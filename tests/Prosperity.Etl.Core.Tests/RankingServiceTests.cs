using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Core.Tests;

public class RankingServiceTests
{
    private sealed class StubWarehouse(params CurrentValue[] values) : IWarehouse
    {
        public Task EnsureReadyAsync(ReferenceCatalog catalog, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<StoredSubmission?> FindLoadedAsync(string sha256, CancellationToken cancellationToken = default) => Task.FromResult<StoredSubmission?>(null);

        public Task<LoadResult> LoadAcceptedAsync(SourceFile file, ValidatedSubmission submission, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not used");

        public Task<long> RecordRejectedAsync(SourceFile file, ValidatedSubmission? submission, IReadOnlyList<ValidationIssue> issues, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not used");

        public Task<IReadOnlyList<CurrentValue>> GetCurrentValuesAsync(Period period, string? indicatorCode, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<CurrentValue>>(values);

        public Task<IReadOnlyList<HistoryValue>> GetRegionHistoryAsync(string regionCode, Period first, Period last, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<AttemptIssue>> GetIssueHistoryAsync(string regionCode, Period? period, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<Import.Completeness.SubmissionSummary>> GetSubmissionSummaryAsync(Period first, Period last, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    [Fact]
    public async Task RankAsync_ShouldComputeTheRatioFromBothIncomes_WhenItWasNotReported()
    {
        var service = new RankingService(new StubWarehouse(
            new("330624", "INC_URBAN_PC", 62_845m), new("330624", "INC_RURAL_PC", 39_716m),
            new("330603", "INC_URBAN_PC", 78_936m), new("330603", "INC_RURAL_PC", 52_378m), new("330603", "RATIO_URBAN_RURAL", 1.51m)), Some.Catalog);

        var table = Assert.Single(await service.RankAsync(Some.Period, PeerLevel.County, "RATIO_URBAN_RURAL"));

        var xinchang = table.Rows.Single(r => r.Region.Code == "330624");
        Assert.Equal(1.58m, xinchang.Rounded);
        Assert.Equal(2, xinchang.Rank);
        Assert.Equal(1, table.Rows.Single(r => r.Region.Code == "330603").Rank);
    }

    [Fact]
    public async Task RankAsync_ShouldCountTheUnitsThatDidNotReport_AsMissing()
    {
        var service = new RankingService(new StubWarehouse(new CurrentValue("330624", "INC_URBAN_PC", 62_845m)), Some.Catalog);

        var table = Assert.Single(await service.RankAsync(Some.Period, PeerLevel.County, "INC_URBAN_PC"));

        Assert.Equal("County-level units of Shaoxing", table.GroupNameEn);
        Assert.Equal(7, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.Equal((1, 6), (r.PeerCount, r.Missing)));
    }

    [Fact]
    public async Task RankAsync_ShouldRankTheElevenCities_AtCityLevel()
    {
        var service = new RankingService(new StubWarehouse(new CurrentValue("330600", "INC_URBAN_PC", 69_987m)), Some.Catalog);

        var table = Assert.Single(await service.RankAsync(Some.Period, PeerLevel.City, "INC_URBAN_PC"));

        Assert.Equal(11, table.Rows.Count);
        Assert.Equal(1, table.Rows[0].Rank);
        Assert.Equal(10, table.Rows[0].Missing);
    }
    [Fact]
    public async Task RankAsync_ShouldRankEveryCountyLevelUnitOfTheProvince_AtProvinceCountyLevel()
    {
        var service = new RankingService(new StubWarehouse(new CurrentValue("330624", "INC_URBAN_PC", 62_845m)), Some.Catalog);

        var table = Assert.Single(await service.RankAsync(Some.Period, PeerLevel.ProvinceCounty, "INC_URBAN_PC"));

        Assert.Equal("County-level units of Zhejiang", table.GroupNameEn);
        Assert.Equal("province-county:330000", table.Group!.Code);
        // Zhejiang's 90 county-level units and Binhai New Area, ranked or counted missing.
        Assert.Equal(91, table.Rows.Count);
    }

    [Fact]
    public async Task RankAsync_ShouldAddTheCompositeIndex_WhenNoIndicatorIsNamed()
    {
        var service = new RankingService(new StubWarehouse(
            new("330624", "INC_URBAN_PC", 62_845m), new("330624", "INC_RURAL_PC", 39_716m),
            new("330603", "INC_URBAN_PC", 78_936m), new("330603", "INC_RURAL_PC", 52_378m)), Some.Catalog,
            new CompositeIndexOptions { Weights = new() { ["INC_URBAN_PC"] = 1m, ["INC_RURAL_PC"] = 1m, ["RATIO_URBAN_RURAL"] = 1m } });

        var tables = await service.RankAsync(Some.Period, PeerLevel.County, null);

        var index = Assert.Single(tables, t => t.Indicator.Code == CompositeIndex.Code);
        var keqiao = index.Rows.Single(r => r.Region.Code == "330603");
        Assert.Equal((100m, 1), (keqiao.Value!.Value, keqiao.Rank!.Value));
        Assert.Equal(0m, index.Rows.Single(r => r.Region.Code == "330624").Value);
        Assert.Equal((2, 5), (keqiao.PeerCount, keqiao.Missing));
    }
}
