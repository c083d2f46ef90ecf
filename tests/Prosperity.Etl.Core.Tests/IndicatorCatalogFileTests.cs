using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Core.Tests;

public class IndicatorCatalogFileTests
{
    private const string Header = "code\tname_zh\tname_en\tunit\tkind\tdirection\tprecision\tmin\tmax\tnumerator\tdenominator\tpart_of\n";

    [Fact]
    public void WithIndicators_ShouldAppendTheIndicatorsAndChangeTheVersion_WhenTheFileIsValid()
    {
        var text = Header
            + "P_JOBS_ALL\t城镇新增就业人数\tNew urban jobs\t人\tflow_ytd\thigher\t0\t0\t500000\t\t\t\n"
            + "P_JOBS_RUR\t城镇新增就业人数（农村）\tNew urban jobs (rural)\t人\tflow_ytd\thigher\t0\t0\t300000\t\t\tP_JOBS_ALL\n";

        var catalog = Some.Catalog.WithIndicators(text, "province.tsv");

        Assert.Equal(Some.Catalog.Indicators.Count + 2, catalog.Indicators.Count);
        Assert.Equal("P_JOBS_ALL", catalog.FindIndicator("P_JOBS_RUR")!.PartOf);
        Assert.Equal(IndicatorKind.FlowYtd, catalog.FindIndicator("P_JOBS_ALL")!.Kind);
        Assert.NotEqual(Some.Catalog.Version, catalog.Version);
        Assert.Same(Some.Catalog.Regions, catalog.Regions);
    }

    [Fact]
    public void WithIndicators_ShouldRefuseNamingTheFile_WhenACodeIsAlreadyInTheCatalogue()
    {
        var text = Header + "WORKSHOPS\t共富工坊数\tWorkshops\t个\tstock\thigher\t0\t0\t100\t\t\t\n";

        var error = Assert.Throws<InvalidDataException>(() => Some.Catalog.WithIndicators(text, "province.tsv"));

        Assert.Contains("province.tsv", error.Message, StringComparison.Ordinal);
        Assert.Contains("WORKSHOPS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithIndicators_ShouldRefuse_WhenAPartRefersToAnUnknownTotal()
    {
        var text = Header + "P_X\tX\tX\t个\tstock\thigher\t0\t0\t100\t\t\tNO_SUCH\n";

        var error = Assert.Throws<InvalidDataException>(() => Some.Catalog.WithIndicators(text, "province.tsv"));

        Assert.Contains("NO_SUCH", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithIndicators_ShouldRefuse_WhenAKindIsUnknown()
    {
        var text = Header + "P_X\tX\tX\t个\tsometimes\thigher\t0\t0\t100\t\t\t\n";

        Assert.Throws<InvalidDataException>(() => Some.Catalog.WithIndicators(text, "province.tsv"));
    }
}
