using Prosperity.Etl.Domain;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Core.Tests;

public class ReferenceCatalogTests
{
    [Fact]
    public void Default_ShouldHoldTheProvinceItsElevenCitiesAndShaoxingsUnits()
    {
        var now = new Period(2025, 3);
        var valid = Some.Catalog.RegionsDuring(now).ToList();

        Assert.Single(valid, r => r.Level == RegionLevel.Province);
        Assert.Equal(11, valid.Count(r => r.Level == RegionLevel.City));
        Assert.Equal(6, valid.Count(r => r.Level == RegionLevel.County && r.ParentCode == "330600"));
        Assert.Single(valid, r => r.Level == RegionLevel.FunctionalArea && r.ParentCode == "330600");
    }

    [Fact]
    public void Default_ShouldHoldZhejiangsNinetyCountyLevelUnits_WhenThePeriodIsRecent()
    {
        var valid = Some.Catalog.RegionsDuring(new Period(2025, 3)).Where(r => r.Level == RegionLevel.County).ToList();

        Assert.Equal(90, valid.Count);
        Assert.Equal(90, valid.Select(r => r.Code).Distinct().Count());
        Assert.All(valid, r => Assert.Equal(RegionLevel.City, Some.Catalog.FindRegion(r.ParentCode!, new Period(2025, 3))!.Level));
        Assert.Equal(13, valid.Count(r => r.ParentCode == "330100"));
        Assert.Equal("龙港市", Some.Catalog.FindRegion("330383", new Period(2025, 3))!.NameZh);
        Assert.Null(Some.Catalog.FindRegion("330383", new Period(2019, 1)));
    }

    [Fact]
    public void FindRegion_ShouldResolveTheOldCode_ForOldPeriods()
    {
        Assert.Equal("绍兴县", Some.Catalog.FindRegion("330621", new Period(2012, 4))!.NameZh);
        Assert.Null(Some.Catalog.FindRegion("330621", new Period(2014, 1)));
        Assert.Null(Some.Catalog.FindRegion("330603", new Period(2013, 2)));
        // The quarter of the change: both codes were valid during 2013Q4.
        Assert.NotNull(Some.Catalog.FindRegion("330603", new Period(2013, 4)));
        Assert.NotNull(Some.Catalog.FindRegion("330621", new Period(2013, 4)));
    }

    [Fact]
    public void Indicators_ShouldCarryDirectionPrecisionAndRange()
    {
        var ratio = Some.Catalog.FindIndicator("RATIO_URBAN_RURAL")!;
        Assert.Equal(RankDirection.LowerIsBetter, ratio.Direction);
        Assert.Equal(2, ratio.RankPrecision);
        Assert.Equal(IndicatorKind.DerivedRatio, ratio.Kind);
        Assert.Equal(("INC_URBAN_PC", "INC_RURAL_PC"), (ratio.Numerator, ratio.Denominator));

        Assert.All(Some.Catalog.Indicators, i => Assert.True(i.PlausibleMin < i.PlausibleMax, i.Code));
        Assert.Equal(Some.Catalog.Indicators.Count, Some.Catalog.Indicators.Select(i => i.Code).Distinct().Count());
    }
}
