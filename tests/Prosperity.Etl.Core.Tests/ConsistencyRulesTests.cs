using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Core.Tests;

public class ConsistencyRulesTests
{
    private const string Sheet = "指标 Indicators";

    private static SubmittedValue Line(string code, decimal? number, int row) =>
        new(code, number, null, null, null, new CellRef(Sheet, $"F{row}"), new CellRef(Sheet, $"B{row}"));

    private static Submission Sub(string path = "/inbox/x.xlsx", string region = "330624", string period = "2025Q3", params SubmittedValue[] lines) => new()
    {
        SourcePath = path,
        RegionCode = new CoverField(region, new CellRef("封面 Cover", "C5")),
        PeriodText = new CoverField(period, new CellRef("封面 Cover", "C7")),
        Values = lines.Length > 0 ? lines : [Line("INC_URBAN_PC", 62_845m, 6)],
    };

    private static ValidatedSubmission Validate(Submission s, ReferenceCatalog? catalog = null) =>
        new SubmissionValidator(catalog ?? Some.Catalog, Some.Clock).Validate(s);

    [Fact]
    public void Validate_ShouldRejectAtTheRatioCell_WhenTheRatioDisagreesWithTheIncomes()
    {
        var v = Validate(Sub(lines: [Line("INC_URBAN_PC", 62_845m, 6), Line("INC_RURAL_PC", 39_716m, 7), Line("RATIO_URBAN_RURAL", 1.49m, 8)]));

        var issue = Assert.Single(v.Issues, i => i.Code == "CON001");
        Assert.Equal(Severity.Error, issue.Severity);
        Assert.Equal(Sheet, issue.Sheet);
        Assert.Equal("F8", issue.Cell);
        Assert.Equal("1.49", issue.Found);
        Assert.Equal("1.58", issue.Expected);
        Assert.False(v.Accepted);
    }

    [Theory]
    [InlineData("1.58")]
    [InlineData("1.582")]
    [InlineData("1.5823")]
    public void Validate_ShouldAccept_WhenTheRatioAgreesAtThePublishedPrecision(string ratio)
    {
        var v = Validate(Sub(lines: [Line("INC_URBAN_PC", 62_845m, 6), Line("INC_RURAL_PC", 39_716m, 7),
            Line("RATIO_URBAN_RURAL", decimal.Parse(ratio, System.Globalization.CultureInfo.InvariantCulture), 8)]));

        Assert.DoesNotContain(v.Issues, i => i.Code == "CON001");
    }

    [Fact]
    public void Validate_ShouldWarnAtTheRuralIncomeCell_WhenRuralIncomeIsAboveUrban()
    {
        var v = Validate(Sub(lines: [Line("INC_URBAN_PC", 39_716m, 6), Line("INC_RURAL_PC", 62_845m, 7), Line("RATIO_URBAN_RURAL", null, 8)]));

        var issue = Assert.Single(v.Issues, i => i.Code == "CON002");
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal("F7", issue.Cell);
        Assert.Equal("62845", issue.Found);
        Assert.True(v.Accepted);
    }

    [Fact]
    public void Validate_ShouldRejectAtThePartCell_WhenAPartIsGreaterThanItsTotal()
    {
        // The shipped catalogue has no part-of pair; one with WORKSHOP_WORKERS part of CHAIN_JOBS shows the rule.
        var indicators = Some.Catalog.Indicators.Select(i => i.Code == "WORKSHOP_WORKERS" ? i with { PartOf = "CHAIN_JOBS" } : i).ToList();
        var catalog = new ReferenceCatalog(Some.Catalog.Regions, indicators, "test");

        var v = Validate(Sub(lines: [Line("CHAIN_JOBS", 1_700m, 15), Line("WORKSHOP_WORKERS", 9_720m, 19)]), catalog);

        var issue = Assert.Single(v.Issues, i => i.Code == "CON004");
        Assert.Equal("F19", issue.Cell);
        Assert.Contains("F15", issue.Expected, StringComparison.Ordinal);
        Assert.False(v.Accepted);
    }

    [Fact]
    public void Validate_ShouldRejectAtTheRegionCell_WhenTheFileIsInAnotherDistrictsFolder()
    {
        var v = Validate(Sub(path: Path.Combine(Path.GetTempPath(), "inbox", "330603", "x.xlsx")));

        var issue = Assert.Single(v.Issues, i => i.Code == "REF002");
        Assert.Equal(Severity.Error, issue.Severity);
        Assert.Equal("封面 Cover", issue.Sheet);
        Assert.Equal("C5", issue.Cell);
        Assert.Equal("330624", issue.Found);
        Assert.Contains("330603", issue.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("330624", "330624", "2025Q3")]
    [InlineData("2025Q3", "330624", "2025Q3")]
    [InlineData("330603", "330621", "2012Q4")] // the old code of the folder's district
    public void Validate_ShouldNotFlagTheFolder_WhenItIsTheSubmittersOwnOrNotARegion(string folder, string region, string period)
    {
        var v = Validate(Sub(path: Path.Combine(Path.GetTempPath(), "inbox", folder, "x.xlsx"), region: region, period: period));

        Assert.DoesNotContain(v.Issues, i => i.Code == "REF002");
    }

    [Theory]
    [InlineData("late")]
    [InlineData("late/2025Q3")]
    public void Validate_ShouldRejectAtTheRegionCell_WhenTheFileIsDeeperInAnotherDistrictsFolder(string below)
    {
        var v = Validate(Sub(path: Path.Combine([Path.GetTempPath(), "inbox", "330603", .. below.Split('/'), "x.xlsx"])));

        var issue = Assert.Single(v.Issues, i => i.Code == "REF002");
        Assert.Equal("330624", issue.Found);
        Assert.Contains("330603", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShouldNotFlagTheFolder_WhenTheFileIsDeeperInTheSubmittersOwnFolder()
    {
        var v = Validate(Sub(path: Path.Combine(Path.GetTempPath(), "inbox", "330603", "330624", "late", "x.xlsx")));

        Assert.DoesNotContain(v.Issues, i => i.Code == "REF002");
    }
}
