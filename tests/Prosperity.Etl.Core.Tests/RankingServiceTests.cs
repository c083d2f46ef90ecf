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
            LoadValidatedAsync(file, submission, false, cancellationToken);

        public Task<LoadResult> LoadValidatedAsync(SourceFile file, ValidatedSubmission submission, bool reviewRequired, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not used");

        public Task<long> RecordRejectedAsync(SourceFile file, ValidatedSubmission? submission, IReadOnlyList<ValidationIssue> issues, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("not used");

        public Task<IReadOnlyList<CurrentValue>> GetPublishedGrowthAsync(Period period, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<CurrentValue>>([]);

        public Task<IReadOnlyList<CurrentValue>> GetCurrentValuesAsync(Period period, string? indicatorCode, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<CurrentValue>>(values);

        public Task<IReadOnlyList<HistoryValue>> GetRegionHistoryAsync(string regionCode, Period first, Period last, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<AttemptIssue>> GetIssueHistoryAsync(string regionCode, Period? period, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<long?> FindFinalReturnAsync(string regionCode, Period period, CancellationToken cancellationToken = default) => Task.FromResult<long?>(null);

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
        Assert.Equal(6, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.Equal((1, 5), (r.PeerCount, r.Missing)));
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
        // Zhejiang's 90 county-level units, ranked or counted missing; Binhai New Area is not one of them.
        Assert.Equal(90, table.Rows.Count);
        Assert.DoesNotContain(table.Rows, r => r.Region.Level == RegionLevel.FunctionalArea);
    }

    [Fact]
    public async Task RankAsync_ShouldShowBinhaiNewAreaInAGroupOfItsOwn_BesideShaoxingsUnits()
    {
        var service = new RankingService(new StubWarehouse(
            new("330624", "INC_URBAN_PC", 62_845m), new("330603", "INC_URBAN_PC", 78_936m), new("F330601", "INC_URBAN_PC", 66_230m)), Some.Catalog);

        var tables = await service.RankAsync(Some.Period, PeerLevel.County, "INC_URBAN_PC");

        Assert.Equal(["county:330600", "functional-area:330600"], tables.Select(t => t.Group!.Code));
        Assert.DoesNotContain(tables[0].Rows, r => r.Region.Code == "F330601");
        Assert.Equal(2, tables[0].Rows.Single(r => r.Region.Code == "330624").Rank);
        var binhai = Assert.Single(tables[1].Rows);
        Assert.Equal(("F330601", 1), (binhai.Region.Code, binhai.Rank));
        Assert.Equal("绍兴市功能区", tables[1].GroupNameZh);
    }

    [Fact]
    public async Task RankAsync_ShouldLabelTheReferenceAsTheParentsFigure_WhenTheParentPublishesOne_AndAsAMeanOtherwise()
    {
        // Shaoxing's own per-capita income (45,183 yuan) is the city figure, not a sum of its units'.
        var service = new RankingService(new StubWarehouse(
            new("330624", "INC_RURAL_PC", 39_716m), new("330603", "INC_RURAL_PC", 52_378m), new("330600", "INC_RURAL_PC", 45_183m),
            new("330624", "INC_URBAN_PC", 62_845m), new("330603", "INC_URBAN_PC", 78_936m)), Some.Catalog);

        var tables = await service.RankAsync(Some.Period, PeerLevel.County, null);
        var rural = tables.Single(t => t.Group!.Code == "county:330600" && t.Indicator.Code == "INC_RURAL_PC");
        var urban = tables.Single(t => t.Group!.Code == "county:330600" && t.Indicator.Code == "INC_URBAN_PC");
        var province = Assert.Single(await service.RankAsync(Some.Period, PeerLevel.City, "INC_RURAL_PC"));

        Assert.Equal((45_183m, "parent", "全市", "Shaoxing (city figure)"), (rural.ReferenceValue, rural.ReferenceKind, rural.ReferenceLabelZh, rural.ReferenceLabelEn));
        Assert.Equal(((62_845m + 78_936m) / 2, "mean", "平均"), (urban.ReferenceValue, urban.ReferenceKind, urban.ReferenceLabelZh));
        Assert.Equal("mean", province.ReferenceKind); // no 全省 figure loaded
    }

    [Fact]
    public async Task RankAsync_ShouldRankTheCompletionRate_NeverThePlannedTarget()
    {
        // Keqiao plans the most stations (60) but has built half; Xinchang plans 20 and has built 18.
        var service = new RankingService(new StubWarehouse(
            new("330603", "YOUTH_STATIONS_PLANNED", 60m), new("330603", "YOUTH_STATIONS_BUILT", 30m),
            new("330624", "YOUTH_STATIONS_PLANNED", 20m), new("330624", "YOUTH_STATIONS_BUILT", 18m),
            new("330681", "YOUTH_STATIONS_PLANNED", 40m)), Some.Catalog);

        var all = await service.RankAsync(Some.Period, PeerLevel.County, null);
        var table = Assert.Single(await service.RankAsync(Some.Period, PeerLevel.County, "YOUTH_STATIONS_PLANNED"));

        Assert.DoesNotContain(all, t => t.Indicator.Code is "YOUTH_STATIONS_PLANNED" or "RURAL_INNOVATORS_TARGET");
        Assert.Contains(all, t => t.Indicator.Code == "YOUTH_STATIONS_PLANNED_RATE");
        Assert.Equal("YOUTH_STATIONS_PLANNED_RATE", table.Indicator.Code);
        Assert.Equal("%", table.Indicator.Unit);
        Assert.Contains("完成率", table.Indicator.NameZh, StringComparison.Ordinal);
        var xinchang = table.Rows.Single(r => r.Region.Code == "330624");
        var keqiao = table.Rows.Single(r => r.Region.Code == "330603");
        Assert.Equal((90.0m, 1), (xinchang.Rounded, xinchang.Rank));
        Assert.Equal((50.0m, 2), (keqiao.Rounded, keqiao.Rank));
        Assert.Null(table.Rows.Single(r => r.Region.Code == "330681").Rank); // a target with nothing built reported: no rate
    }

    private static readonly (string Code, decimal Urban, decimal Rural)[] ShaoxingUnits =
    [
        ("330602", 74_512m, 48_905m), ("330603", 78_936m, 52_378m), ("330604", 69_420m, 45_862m),
        ("330624", 62_845m, 39_716m), ("330681", 73_108m, 49_254m), ("330683", 63_517m, 40_988m),
    ];

    private static CompositeIndexOptions IncomesOnly => new() { Weights = new() { ["INC_URBAN_PC"] = 1m, ["INC_RURAL_PC"] = 1m, ["RATIO_URBAN_RURAL"] = 1m } };

    private static CurrentValue[] Incomes(int units) =>
        ShaoxingUnits.Take(units).SelectMany(u => new CurrentValue[] { new(u.Code, "INC_URBAN_PC", u.Urban), new(u.Code, "INC_RURAL_PC", u.Rural) }).ToArray();

    [Fact]
    public async Task RankAsync_ShouldAddTheCompositeIndex_WhenNoIndicatorIsNamed()
    {
        var service = new RankingService(new StubWarehouse(Incomes(6)), Some.Catalog, IncomesOnly);

        var tables = await service.RankAsync(Some.Period, PeerLevel.County, null);

        var index = Assert.Single(tables, t => t.Indicator.Code == CompositeIndex.Code);
        Assert.Null(index.Withheld);
        var keqiao = index.Rows.Single(r => r.Region.Code == "330603");
        Assert.Equal(1, keqiao.Rank); // highest on both incomes, its ratio 1.51 second to Zhuji's 1.48
        Assert.Equal((6, 0m), (index.Rows.Single(r => r.Region.Code == "330624").Rank!.Value, index.Rows.Single(r => r.Region.Code == "330624").Value!.Value));
        Assert.Equal((6, 0), (keqiao.PeerCount, keqiao.Missing)); // six county-level units; Binhai New Area is ranked in its own group
    }

    [Fact]
    public async Task RankAsync_ShouldPublishNoIndex_ForAGroupOfFewerThanFiveUnitsWithValues_AndSaySo()
    {
        var service = new RankingService(new StubWarehouse(Incomes(4)), Some.Catalog, IncomesOnly);

        var tables = await service.RankAsync(Some.Period, PeerLevel.County, null);

        var index = Assert.Single(tables, t => t.Indicator.Code == CompositeIndex.Code);
        Assert.Empty(index.Rows);
        Assert.Contains("Not published: 4 unit(s) with an index (4 reporting), fewer than 5", index.Withheld, StringComparison.Ordinal);
        Assert.Contains("不发布", index.Withheld, StringComparison.Ordinal);
        Assert.Equal(4, tables.Single(t => t.Indicator.Code == "INC_URBAN_PC").Rows.Count(r => r.Rank is not null)); // the indicators themselves are still ranked
    }

    [Fact]
    public async Task RankAsync_ShouldPublishNoCityIndex_WhenOneCityAloneReports()
    {
        // Was "1 of 11 ranked, 10 missing", with Shaoxing at 100.
        var service = new RankingService(new StubWarehouse(new("330600", "INC_URBAN_PC", 69_987m), new("330600", "INC_RURAL_PC", 45_183m), new("330600", "WORKSHOPS", 1_011m)), Some.Catalog);

        var index = Assert.Single(await service.RankAsync(Some.Period, PeerLevel.City, CompositeIndex.Code));

        Assert.Empty(index.Rows);
        Assert.Contains("0 unit(s) with an index (1 reporting)", index.Withheld, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RankAsync_ShouldNeverRankThePopulation()
    {
        var values = Incomes(6).Concat(ShaoxingUnits.Select(u => new CurrentValue(u.Code, "POP_RESIDENT", 80m))).ToArray();
        var service = new RankingService(new StubWarehouse(values), Some.Catalog);

        var tables = await service.RankAsync(Some.Period, PeerLevel.County, null);

        Assert.DoesNotContain(tables, t => t.Indicator.IsPopulation);
        await Assert.ThrowsAsync<ArgumentException>(() => service.RankAsync(Some.Period, PeerLevel.County, "POP_RESIDENT"));
    }
}
