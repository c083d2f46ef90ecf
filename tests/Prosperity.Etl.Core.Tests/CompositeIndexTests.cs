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
    public void Compute_ShouldLeaveOutAnIndicator_ThatOnlyOnePeerReports()
    {
        // Y is reported by c alone: it would score 100 on it against nobody. The index is X alone.
        var data = new Dictionary<(string, string), decimal?>(Data) { [("a", "Y")] = null, [("b", "Y")] = null };

        var index = Index(data, 1, 1);

        Assert.Equal([0m, 50m, 100m], Abc.Select(k => index[k]!.Value));
    }

    [Fact]
    public void Compute_ShouldGiveNoIndex_WhenTheGroupHasOneMember()
    {
        var index = Index(Data, 1, 1, 0.5m, "b");

        Assert.Null(Assert.Single(index).Value);
    }

    [Fact]
    public void Compute_ShouldPutCountsPerHeadOfTheResidentPopulation_SoASmallRichCountyIsNotBeatenBySize()
    {
        // Keqiao-like (rich, 40万 residents, 120 workshops employing 9,000) against a Xinchang-like county
        // (last on both incomes, but 130万 residents, 300 workshops employing 18,000). Counted as totals the
        // poorer county wins on both counts and the index ties at 50; per 10,000 residents the rich one
        // has 3.0 workshops and 225 workers against 2.3 and 138.
        var catalog = Prosperity.Etl.Testing.Some.Catalog;
        Indicator Ind(string code) => catalog.FindIndicator(code)!;
        var population = catalog.Population!;
        var data = new Dictionary<(string, string), decimal?>
        {
            [("rich", "INC_URBAN_PC")] = 78_936m, [("rich", "INC_RURAL_PC")] = 52_378m, [("rich", "WORKSHOPS")] = 120m, [("rich", "WORKSHOP_WORKERS")] = 9_000m, [("rich", "POP_RESIDENT")] = 40m,
            [("poor", "INC_URBAN_PC")] = 62_845m, [("poor", "INC_RURAL_PC")] = 39_716m, [("poor", "WORKSHOPS")] = 300m, [("poor", "WORKSHOP_WORKERS")] = 18_000m, [("poor", "POP_RESIDENT")] = 130m,
        };
        (Indicator, decimal)[] components = [(Ind("INC_URBAN_PC"), 1m), (Ind("INC_RURAL_PC"), 1m), (Ind("WORKSHOPS"), 1m), (Ind("WORKSHOP_WORKERS"), 1m)];
        var members = new[] { R("rich"), R("poor") };
        decimal? ValueOf(Region r, Indicator i) => data.GetValueOrDefault((r.Code, i.Code));

        var asTotals = CompositeIndex.Compute(members, components, ValueOf, 0.5m);
        var perHead = CompositeIndex.Compute(members, components, ValueOf, 0.5m, population);

        Assert.Equal((50m, 50m), (asTotals["rich"], asTotals["poor"]));
        Assert.Equal((100m, 0m), (perHead["rich"], perHead["poor"]));
        Assert.True(CompositeIndex.EntersPerHead(Ind("WORKSHOPS"), population));
        Assert.True(CompositeIndex.EntersPerHead(Ind("FARMER_INCOME_RAISED"), population)); // 万元 per 10,000 residents
        Assert.False(CompositeIndex.EntersPerHead(Ind("INC_URBAN_PC"), population));
        Assert.False(CompositeIndex.EntersPerHead(Ind("RATIO_URBAN_RURAL"), population));
    }

    [Fact]
    public void Compute_ShouldLeaveACountOut_ForARegionWithoutAPopulation()
    {
        var catalog = Prosperity.Etl.Testing.Some.Catalog;
        var workshops = catalog.FindIndicator("WORKSHOPS")!;
        var data = new Dictionary<(string, string), decimal?>
        {
            [("a", "WORKSHOPS")] = 100m, [("a", "POP_RESIDENT")] = 50m,
            [("b", "WORKSHOPS")] = 100m, [("b", "POP_RESIDENT")] = 25m,
            [("c", "WORKSHOPS")] = 100m,
        };

        var index = CompositeIndex.Compute(Abc.Select(R).ToList(), [(workshops, 1m)], (r, i) => data.GetValueOrDefault((r.Code, i.Code)), 0.5m, catalog.Population);

        Assert.Equal((0m, 100m), (index["a"], index["b"]));
        Assert.Null(index["c"]);
    }

    [Fact]
    public void Components_ShouldLeaveOutThePopulation_AndRefuseAWeightOnIt()
    {
        var catalog = Prosperity.Etl.Testing.Some.Catalog;

        var components = CompositeIndex.Components(catalog.Indicators, new CompositeIndexOptions());
        var ex = Assert.Throws<ArgumentException>(() => CompositeIndex.Components(catalog.Indicators, new CompositeIndexOptions { Weights = new() { ["POP_RESIDENT"] = 1m } }));

        Assert.DoesNotContain(components, c => c.Indicator.IsPopulation);
        Assert.Contains(components, c => c.Indicator.Code == "WORKSHOPS");
        Assert.Contains("population", ex.Message, StringComparison.Ordinal);
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
