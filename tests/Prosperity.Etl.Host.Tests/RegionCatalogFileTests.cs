using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Samples;

namespace Prosperity.Etl.Host.Tests;

/// <summary>Regions beyond Zhejiang's (Reference:RegionsFile): other provinces, their cities and county-level units.</summary>
public sealed class RegionCatalogFileTests
{
    private const string Header = "region_code\tname_zh\tname_en\tlevel\tparent_code\tvalid_from\tvalid_to\tsuccessor_code\n";

    [Fact]
    public void WithRegions_ShouldAddAProvinceWithItsCitiesAndCounties_AndChangeTheVersion()
    {
        var text = Header + "320000\t江苏省\tJiangsu\tprovince\t\t1983-01-01\t\t\n320100\t南京市\tNanjing\tcity\t320000\t1983-01-01\t\t\n320106\t鼓楼区\tGulou\tcounty\t320100\t1983-01-01\t\t\n";

        var catalog = ReferenceCatalog.Default.WithRegions(text, "jiangsu.tsv");

        Assert.Equal(ReferenceCatalog.Default.Regions.Count + 3, catalog.Regions.Count);
        Assert.Equal("320100", catalog.FindRegion("320106", new Period(2025, 3))!.ParentCode);
        Assert.NotEqual(ReferenceCatalog.Default.Version, catalog.Version);
    }

    [Theory]
    [InlineData("330624\t新昌县\tXinchang\tcounty\t330600\t1983-01-01\t\t\n", "330624 from 1983-01-01 is already in the catalogue")]
    [InlineData("320106\t鼓楼区\tGulou\tcounty\t320100\t1983-01-01\t\t\n", "names parent 320100, which is not a region of the catalogue")]
    [InlineData("320106\t鼓楼区\tGulou\tdistrict\t320100\t1983-01-01\t\t\n", "jiangsu.tsv: not a regions file")]
    public void WithRegions_ShouldNameTheFileAndTheRegion_WhenARowIsWrong(string row, string message)
    {
        var ex = Assert.Throws<InvalidDataException>(() => ReferenceCatalog.Default.WithRegions(Header + row, "jiangsu.tsv"));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NationalRegions_ShouldMakeChinasNumberOfCountyLevelUnits_WithZhejiangsOwn()
    {
        var catalog = ReferenceCatalog.Default.WithRegions(NationalRegions.Build(), NationalRegions.FileName);
        var period = new Period(2025, 3);

        Assert.Equal(NationalRegions.DefaultCountyUnits, catalog.RegionsDuring(period).Count(r => r.Level == RegionLevel.County));
        Assert.Equal(31, catalog.Regions.Count(r => r.Level == RegionLevel.Province));
        Assert.All(catalog.Regions.Where(r => r.Level == RegionLevel.County), r => Assert.NotNull(catalog.FindRegion(r.ParentCode!, period)));
    }
}
