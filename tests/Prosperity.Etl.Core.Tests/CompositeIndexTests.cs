using Prosperity.Etl.Domain;
using Prosperity.Etl.Ranking;

namespace Prosperity.Etl.Core.Tests;

public class CompositeIndexTests
{
    private static readonly string[] Abc = ["a", "b", "c"];

    private static readonly Indicator X = new("X", "X", "X", "元", IndicatorKind.FlowYtd, RankDirection.HigherIsBetter, 0, 0, 1_000_000);
    private static readonly Indicator Y = new("Y", "Y", "Y", "ratio", IndicatorKind.DerivedRatio, RankDirection.LowerIsBetter, 2, 1, 4);

    private static Region R(string code) => new(code, code, code, RegionLevel.County, "330600", new DateOnly(2000, 1, 1), null);

    private static readonly Dictionary<(string, string), decimal?> Data = new()
    {
        [("a", "X")] = 10m, [("b", "X")] = 20m, [("c", "X")] = 30m,
        [("a", "Y")] = 1.5m, [("b", "Y")] = 1.6m, [("c", "Y")] = 2.0m,
    };

    private static IReadOnlyDictionary<string, decimal?> Index(Dictionary<(string, string), decimal?> data, decimal wx, decimal wy, decimal coverage = 0.5m, params string[] members) =>
        CompositeIndex.Compute((members.Length == 0 ? ["a", "b", "c"] : members).Select(R).ToList(), [(X, wx), (Y, wy)],
            (r, i) => data.GetValueOrDefault((r.Code, i.Code)), coverage);

    [Fact]
    public void Compute_ShouldAverageMinMaxScores_WithLowerIsBetterReversed()
    {
        // X: 10, 20, 30 -> 0, 50, 100. Y (lower is better): 1.5, 1.6, 2.0 -> 100, 80, 0.
        var index = Index(Data, 1, 1);

        Assert.Equal(50m, index["a"]);
        Assert.Equal(65m, index["b"]);
        Assert.Equal(50m, index["c"]);
    }

    [Fact]
    public void Compute_ShouldApplyTheConfiguredWeights()
    {
        // Weights 3 : 1 -> a (0*3 + 100) / 4 = 25, b (150 + 80) / 4 = 57.5, c 300 / 4 = 75.
        var index = Index(Data, 3, 1);

        Assert.Equal([25m, 57.5m, 75m], Abc.Select(c => index[c]!.Value));
    }

    [Fact]
    public void Compute_ShouldScoreOnTheIndicatorsAvailable_WhenAValueIsMissingAndCoverageSuffices()
    {
        var data = new Dictionary<(string, string), decimal?>(Data) { [("c", "Y")] = null };

        // Y among a and b only: 1.5 -> 100, 1.6 -> 0. c has X alone (half the weight): 100.
        var index = Index(data, 1, 1);

        Assert.Equal([50m, 25m, 100m], Abc.Select(k => index[k]!.Value));
    }

    [Fact]
    public void Compute_ShouldLeaveTheIndexMissing_WhenCoverageIsBelowTheMinimum()
    {
        var data = new Dictionary<(string, string), decimal?>(Data) { [("c", "Y")] = null };

        var index = Index(data, 1, 1, coverage: 0.6m);

        Assert.Null(index["c"]);
        Assert.NotNull(index["a"]);
    }

    [Fact]
    public void Compute_ShouldScore100_WhenTheGroupHasOneMember()
    {
        var index = Index(Data, 1, 1, 0.5m, "b");

        Assert.Equal(100m, Assert.Single(index).Value);
    }

    [Fact]
    public void Components_ShouldWeightEveryNonTargetIndicatorEqually_ByDefault()
    {
        var catalogue = new[] { X, Y, X with { Code = "T", Kind = IndicatorKind.Target } };

        var components = CompositeIndex.Components(catalogue, new CompositeIndexOptions());

        Assert.Equal(["X", "Y"], components.Select(c => c.Indicator.Code));
        Assert.All(components, c => Assert.Equal(1m, c.Weight));
    }

    [Fact]
    public void Components_ShouldRefuseWeights_ForAnUnknownIndicator()
    {
        var options = new CompositeIndexOptions { Weights = new() { ["NOPE"] = 1m } };

        var ex = Assert.Throws<ArgumentException>(() => CompositeIndex.Components([X, Y], options));

        Assert.Contains("NOPE", ex.Message, StringComparison.Ordinal);
    }
}
