using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Core.Tests;

public class PeerComparisonTests
{
    private static readonly string[] Abc = ["a", "b", "c"];

    private static readonly Region City = new("330600", "绍兴市", "Shaoxing", RegionLevel.City, "330000", new DateOnly(1983, 1, 1), null);

    private static Region R(string code) => new(code, code, code, RegionLevel.County, "330600", new DateOnly(2000, 1, 1), null);

    private static Indicator Income(int precision = 0) =>
        new("X", "X", "X", "元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, precision, 0, 1_000_000);

    private static PeerGroup Group(params string[] codes) =>
        new("county:330600", PeerLevel.County, "绍兴市各县（市、区）", "County-level units of Shaoxing", City, codes.Select(R).ToList());

    private static Func<Region, decimal?> Values(Dictionary<string, decimal?> values) => r => values.GetValueOrDefault(r.Code);

    private static RankedValue Row(RankingTable table, string code) => table.Rows.Single(r => r.Region.Code == code);

    [Fact]
    public void Compare_ShouldRankGrowthAgainstTheSamePeriodLastYear_WhenLastYearIsKnown()
    {
        // a: 110 / 100 = +10.0 %, b: 105 / 100 = +5.0 %, c: 120 with no value last year.
        var table = PeerComparison.Compare(Income(), Some.Period, Group("a", "b", "c"),
            Values(new() { ["a"] = 110m, ["b"] = 105m, ["c"] = 120m }),
            Values(new() { ["a"] = 100m, ["b"] = 100m }),
            Values([]));

        Assert.Equal((10.0m, 1), (Row(table, "a").Growth, Row(table, "a").GrowthRank!.Value));
        Assert.Equal((5.0m, 2), (Row(table, "b").Growth, Row(table, "b").GrowthRank!.Value));
        Assert.Null(Row(table, "c").Growth);
        Assert.Null(Row(table, "c").GrowthRank);
        Assert.Equal(1, Row(table, "c").Rank);
        Assert.Equal((2, 1), (table.GrowthPeerCount, table.GrowthMissing));
    }

    [Fact]
    public void Compare_ShouldLeaveGrowthOut_WhenLastYearIsMissingForEveryone()
    {
        var table = PeerComparison.Compare(Income(), Some.Period, Group("a", "b"),
            Values(new() { ["a"] = 110m, ["b"] = 105m }), Values([]), Values([]));

        Assert.All(table.Rows, r => Assert.Null(r.Growth));
        Assert.All(table.Rows, r => Assert.Null(r.GrowthRank));
        Assert.Equal((0, 2), (table.GrowthPeerCount, table.GrowthMissing));
        Assert.Equal([1, 2], table.Rows.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void Compare_ShouldTieGrowth_WhenEqualAtOneDecimal()
    {
        // 10.04 % and 10.01 % both publish as 10.0 %: a tie, and the next peer is third.
        var table = PeerComparison.Compare(Income(), Some.Period, Group("a", "b", "c"),
            Values(new() { ["a"] = 110.04m, ["b"] = 110.01m, ["c"] = 101m }),
            Values(new() { ["a"] = 100m, ["b"] = 100m, ["c"] = 100m }),
            Values([]));

        Assert.Equal([1, 1, 3], Abc.Select(c => Row(table, c).GrowthRank!.Value));
    }

    [Fact]
    public void Compare_ShouldRankAFallingRatioFirst_WhenLowerIsBetter()
    {
        // Ratio growth is the difference: a 1.60 -> 1.55 is -0.05, b 1.70 -> 1.68 is -0.02; a narrowed more.
        var table = PeerComparison.Compare(Some.Ratio, Some.Period, Group("a", "b"),
            Values(new() { ["a"] = 1.55m, ["b"] = 1.68m }),
            Values(new() { ["a"] = 1.60m, ["b"] = 1.70m }),
            Values([]));

        Assert.Equal((-0.05m, 1), (Row(table, "a").Growth, Row(table, "a").GrowthRank!.Value));
        Assert.Equal((-0.02m, 2), (Row(table, "b").Growth, Row(table, "b").GrowthRank!.Value));
        Assert.Equal(1, Row(table, "a").Rank);
    }

    [Fact]
    public void Compare_ShouldGiveTheChangeInRank_AgainstThePreviousQuarter()
    {
        // Previous quarter: b 100 (1st), a 90 (2nd), c 80 (3rd). Now: c 1st, a 2nd, b 3rd.
        var table = PeerComparison.Compare(Income(), Some.Period, Group("a", "b", "c", "d"),
            Values(new() { ["a"] = 20m, ["b"] = 10m, ["c"] = 30m }),
            Values([]),
            Values(new() { ["a"] = 90m, ["b"] = 100m, ["c"] = 80m }));

        Assert.Equal(2, Row(table, "c").RankChange);
        Assert.Equal(0, Row(table, "a").RankChange);
        Assert.Equal(-2, Row(table, "b").RankChange);
        Assert.Null(Row(table, "d").RankChange);
    }

    [Fact]
    public void Compare_ShouldLeaveTheChangeInRankOut_WhenTheRankedPeersDifferFromThePreviousQuarter()
    {
        // d had no value last quarter: a's fall from 1st to 2nd would be d's arrival, not a's doing.
        var table = PeerComparison.Compare(Income(), Some.Period, Group("a", "b", "d"),
            Values(new() { ["a"] = 20m, ["b"] = 10m, ["d"] = 30m }),
            Values([]),
            Values(new() { ["a"] = 90m, ["b"] = 80m }));

        Assert.All(table.Rows, r => Assert.Null(r.RankChange));
        Assert.Equal(2, Row(table, "a").Rank);
    }

    [Fact]
    public void Compare_ShouldUseThePublishedTotal_AsTheReferenceWhenThereIsOne()
    {
        var table = PeerComparison.Compare(Income(), Some.Period, Group("a", "b"),
            Values(new() { ["a"] = 10m, ["b"] = 20m, ["330600"] = 16m }), Values([]), Values([]));

        Assert.Equal(16m, table.ReferenceValue);
        Assert.True(table.ReferenceIsTotal);
    }

    [Fact]
    public void Compare_ShouldUseTheMean_AsTheReferenceWhenNoTotalIsPublished()
    {
        var table = PeerComparison.Compare(Income(), Some.Period, Group("a", "b", "c"),
            Values(new() { ["a"] = 10m, ["b"] = 20m }), Values([]), Values([]));

        Assert.Equal(15m, table.ReferenceValue);
        Assert.False(table.ReferenceIsTotal);
        Assert.Equal((2, 1), (table.Rows[0].PeerCount, table.Rows[0].Missing));
    }

    [Fact]
    public void Compare_ShouldRankTheOnlyMemberFirst_WhenTheGroupHasOne()
    {
        var table = PeerComparison.Compare(Income(), Some.Period, Group("a"),
            Values(new() { ["a"] = 50m }), Values(new() { ["a"] = 40m }), Values(new() { ["a"] = 30m }));

        var row = Assert.Single(table.Rows);
        Assert.Equal((1, 1, 25.0m, 0), (row.Rank!.Value, row.GrowthRank!.Value, row.Growth!.Value, row.RankChange!.Value));
        Assert.Equal(50m, table.ReferenceValue);
    }

    [Fact]
    public void Compare_ShouldTieAtTheRankingPrecision_AndNotAtAFinerOne()
    {
        var two = new Indicator("R", "R", "R", "ratio", IndicatorKind.DerivedRatio, RankDirection.LowerIsBetter, 2, 1, 4);
        var values = Values(new() { ["a"] = 1.647m, ["b"] = 1.645m, ["c"] = 1.70m });

        var atTwo = PeerComparison.Compare(two, Some.Period, Group("a", "b", "c"), values, Values([]), Values([]));
        var atThree = PeerComparison.Compare(two with { RankPrecision = 3 }, Some.Period, Group("a", "b", "c"), values, Values([]), Values([]));

        Assert.Equal([1, 1, 3], Abc.Select(c => Row(atTwo, c).Rank!.Value));
        Assert.Equal([2, 1, 3], Abc.Select(c => Row(atThree, c).Rank!.Value));
    }
}
