using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Samples;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

public class ProvinceSubmissionsTests
{
    private static readonly Period Q3 = new(2025, 3);
    private static readonly ReferenceCatalog Province =
        ReferenceCatalog.Default.WithIndicators(ProvinceIndicators.ToTsv(ProvinceIndicators.Build(ProvinceSubmissions.DefaultExtraIndicators)), "province.tsv");

    [Fact]
    public void Build_ShouldReturnEveryCountyLevelUnitAndCityWithThreeHundredValues_WhenTheWholeProvinceIsAsked()
    {
        var requests = ProvinceSubmissions.Build(Province, 7, Q3);

        Assert.Equal(101, requests.Count);
        Assert.Equal(90, requests.Count(r => r.Region.Level == RegionLevel.County));
        Assert.Equal(11, requests.Count(r => r.Region.Level == RegionLevel.City));
        Assert.Equal(300, Province.Indicators.Count);
        Assert.All(requests, r => Assert.Equal(300, r.Values.Count(v => v.Value is not null)));
    }

    [Fact]
    public void Build_ShouldGiveTheSameValues_WhenTheSeedIsTheSame()
    {
        var first = ProvinceSubmissions.Build(Province, 7, Q3, counties: 5);
        var again = ProvinceSubmissions.Build(Province, 7, Q3, counties: 5);
        var other = ProvinceSubmissions.Build(Province, 8, Q3, counties: 5);

        Assert.Equal(first.Select(r => r.Values["P_JOBS_NEW_ALL"]), again.Select(r => r.Values["P_JOBS_NEW_ALL"]));
        Assert.NotEqual(first.Select(r => r.Values["P_JOBS_NEW_ALL"]), other.Select(r => r.Values["P_JOBS_NEW_ALL"]));
    }

    [Fact]
    public void Build_ShouldKeepValuesConsistent_WhenGenerated()
    {
        var requests = ProvinceSubmissions.Build(Province, 3, Q3);
        var hangzhou = requests.Single(r => r.Region.Code == "330100");
        var units = requests.Where(r => r.Region.ParentCode == "330100").ToList();

        Assert.All(requests, r => Assert.Equal(Math.Round(r.Values["INC_URBAN_PC"]!.Value / r.Values["INC_RURAL_PC"]!.Value, 2), r.Values["RATIO_URBAN_RURAL"]));
        Assert.Equal(units.Sum(u => u.Values["WORKSHOPS"]), hangzhou.Values["WORKSHOPS"]);
        Assert.Equal(69_987m, requests.Single(r => r.Region.Code == "330600").Values["INC_URBAN_PC"]);
        // Money follows income: Hangzhou (the richest city) spends more per head than Lishui (the poorest).
        Assert.True(hangzhou.Values["P_CONS_PC_ALL"] > requests.Single(r => r.Region.Code == "331100").Values["P_CONS_PC_ALL"]);
        Assert.All(requests, r => Assert.True(r.Values["P_JOBS_NEW_RUR"] <= r.Values["P_JOBS_NEW_ALL"], r.Region.Code));
        Assert.All(requests.SelectMany(r => r.Values), v =>
        {
            var indicator = Province.FindIndicator(v.Key)!;
            Assert.InRange(v.Value!.Value, indicator.PlausibleMin, indicator.PlausibleMax);
        });
    }

    [Fact]
    public void Build_ShouldGrowYearToDateFlowsThroughTheYear_WhenQuartersFollow()
    {
        var values = Enumerable.Range(1, 4)
            .Select(q => ProvinceSubmissions.Build(Province, 3, new Period(2025, q), counties: 1)[0].Values)
            .ToList();

        for (var q = 1; q < 4; q++)
        {
            Assert.True(values[q]["INC_RURAL_PC"] > values[q - 1]["INC_RURAL_PC"]);
            Assert.True(values[q]["P_ONLINE_FARM_ALL"] > values[q - 1]["P_ONLINE_FARM_ALL"]);
        }
    }
}
