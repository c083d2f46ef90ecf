using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Core.Tests;

public class PeerRankerTests
{
    private static Region R(string code) => new(code, code, code, RegionLevel.County, "330600", new DateOnly(2000, 1, 1), null);

    private static Indicator Ind(RankDirection direction, int precision) =>
        new("X", "X", "X", "元", IndicatorKind.FlowYtd, direction, precision, 0, 1_000_000);

    private static Dictionary<string, int?> Ranks(IReadOnlyList<RankedValue> rows) => rows.ToDictionary(r => r.Region.Code, r => r.Rank);

    [Fact]
    public void Rank_ShouldUseStandardCompetitionRanking_WhenValuesTie()
    {
        var rows = PeerRanker.Rank(Ind(RankDirection.HigherIsBetter, 0),
            [new(R("a"), 100m), new(R("b"), 90m), new(R("c"), 90m), new(R("d"), 80m)]);

        Assert.Equal(new Dictionary<string, int?> { ["a"] = 1, ["b"] = 2, ["c"] = 2, ["d"] = 4 }, Ranks(rows));
    }

    [Fact]
    public void Rank_ShouldRankLowToHigh_WhenLowerIsBetter()
    {
        var rows = PeerRanker.Rank(Some.Ratio, [new(R("a"), 1.71m), new(R("b"), 1.55m), new(R("c"), 1.62m)]);

        Assert.Equal(["b", "c", "a"], rows.Select(r => r.Region.Code));
        Assert.Equal([1, 2, 3], rows.Select(r => r.Rank!.Value));
    }

    [Fact]
    public void Rank_ShouldTie_WhenValuesAreEqualAtTheRankingPrecision()
    {
        // 1.647 and 1.645 both round to 1.65 at two decimals (away from zero): a tie.
        var atTwo = PeerRanker.Rank(Ind(RankDirection.LowerIsBetter, 2), [new(R("a"), 1.647m), new(R("b"), 1.645m), new(R("c"), 1.60m)]);
        Assert.Equal(new Dictionary<string, int?> { ["c"] = 1, ["a"] = 2, ["b"] = 2 }, Ranks(atTwo));

        var atThree = PeerRanker.Rank(Ind(RankDirection.LowerIsBetter, 3), [new(R("a"), 1.647m), new(R("b"), 1.645m), new(R("c"), 1.60m)]);
        Assert.Equal(new Dictionary<string, int?> { ["c"] = 1, ["b"] = 2, ["a"] = 3 }, Ranks(atThree));
    }

    [Fact]
    public void Rank_ShouldLeaveOutAndCountMissing_WhenARegionHasNoValue()
    {
        var rows = PeerRanker.Rank(Ind(RankDirection.HigherIsBetter, 0), [new(R("a"), 5m), new(R("b"), null), new(R("c"), 7m)]);

        Assert.Equal(new Dictionary<string, int?> { ["c"] = 1, ["a"] = 2, ["b"] = null }, Ranks(rows));
        Assert.All(rows, r => Assert.Equal(2, r.PeerCount));
        Assert.All(rows, r => Assert.Equal(1, r.Missing));
        Assert.Equal("b", rows[^1].Region.Code);
    }

    [Fact]
    public void Rank_ShouldRankFirst_WhenTheGroupHasOneMember()
    {
        var rows = PeerRanker.Rank(Ind(RankDirection.HigherIsBetter, 0), [new(R("a"), 5m)]);

        Assert.Equal(1, Assert.Single(rows).Rank);
    }

    [Fact]
    public void Rank_ShouldTreatZeroAsAValue_NotAsMissing()
    {
        var rows = PeerRanker.Rank(Ind(RankDirection.HigherIsBetter, 0), [new(R("a"), 0m), new(R("b"), 3m)]);

        Assert.Equal(new Dictionary<string, int?> { ["b"] = 1, ["a"] = 2 }, Ranks(rows));
        Assert.Equal(0, rows[0].Missing);
    }
}
