using Microsoft.Extensions.Configuration;

namespace Prosperity.Etl.Host.Tests;

public class ProsperityServicesConfigurationTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value))).Build();

    [Fact]
    public void ReadValidationOptions_ShouldBindTheSwitchAndThresholds_WhenConfigured()
    {
        var options = ProsperityServices.ReadValidationOptions(Config(
            ("Validation:RequireExplanationForWarnings", "true"),
            ("Validation:ChangeThresholds:WORKSHOPS", "0.8")));

        Assert.True(options.RequireExplanationForWarnings);
        Assert.Equal(0.8m, options.ChangeThreshold("WORKSHOPS"));
        Assert.Equal(0.3m, options.ChangeThreshold("INC_URBAN_PC"));
    }

    [Fact]
    public void ReadValidationOptions_ShouldAcceptUnexplainedWarnings_WhenNothingIsConfigured()
    {
        Assert.False(ProsperityServices.ReadValidationOptions(Config()).RequireExplanationForWarnings);
    }

    [Fact]
    public void ReadReaderLimits_ShouldBindTheLimits_WhenConfigured()
    {
        var limits = ProsperityServices.ReadReaderLimits(Config(("Reader:MaxRows", "1000")));

        Assert.Equal(1000, limits.MaxRows);
        Assert.Equal(500, limits.MaxColumns);
    }

    [Fact]
    public void ReadCatalog_ShouldAddTheProvinceIndicators_WhenAnIndicatorsFileIsConfigured()
    {
        using var temp = new Testing.TempFolder();
        var file = temp.File("province-indicators.tsv");
        File.WriteAllText(file, Samples.ProvinceIndicators.ToTsv(Samples.ProvinceIndicators.Build(20)));

        var catalog = ProsperityServices.ReadCatalog(Config(("Reference:IndicatorsFile", file)));

        Assert.Equal(Testing.Some.Catalog.Indicators.Count + 20, catalog.Indicators.Count);
        Assert.NotNull(catalog.FindIndicator("P_CONS_PC_URB"));
    }

    [Fact]
    public void ReadCatalog_ShouldBeAUsageError_WhenTheIndicatorsFileIsMissing()
    {
        var error = Assert.Throws<UsageException>(() => ProsperityServices.ReadCatalog(Config(("Reference:IndicatorsFile", "/no/such/indicators.tsv"))));

        Assert.Contains("Reference:IndicatorsFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCatalog_ShouldBeTheShippedCatalogue_WhenNothingIsConfigured()
    {
        Assert.Same(Reference.ReferenceCatalog.Default, ProsperityServices.ReadCatalog(Config()));
    }
}
