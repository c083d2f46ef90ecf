using Prosperity.Etl.Domain;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Core.Tests;

public class SubmissionValidatorTests
{
    private const string Sheet = "指标 Indicators";

    private static SubmittedValue Line(string code, decimal? number, string? text = null, int row = 6, string? unit = null) =>
        new(code, number, text, unit, null, new CellRef(Sheet, $"F{row}"), new CellRef(Sheet, $"B{row}"));

    private static Submission Sub(string region = "330624", string period = "2025Q3", params SubmittedValue[] lines) => new()
    {
        SourcePath = "/inbox/x.xlsx",
        RegionCode = new CoverField(region, new CellRef("封面 Cover", "C5")),
        PeriodText = new CoverField(period, new CellRef("封面 Cover", "C7")),
        Values = lines.Length > 0 ? lines : [Line("INC_URBAN_PC", 62_845m)],
    };

    private static ValidatedSubmission Validate(Submission s) => new SubmissionValidator(Some.Catalog, Some.Clock).Validate(s);

    private static ValidationIssue Single(ValidatedSubmission v, string code) => Assert.Single(v.Issues, i => i.Code == code);

    [Fact]
    public void Validate_ShouldAccept_WhenEverythingIsInOrder()
    {
        var v = Validate(Sub());

        Assert.True(v.Accepted);
        Assert.Empty(v.Issues);
        Assert.Equal("330624", v.Region!.Code);
        Assert.Equal(new Period(2025, 3), v.Period);
        Assert.Equal(62_845m, Assert.Single(v.Facts).Value);
    }

    [Fact]
    public void Validate_ShouldRejectAtTheRegionCell_WhenRegionIsUnknown()
    {
        var issue = Single(Validate(Sub(region: "999999")), "REF001");

        Assert.Equal(Severity.Error, issue.Severity);
        Assert.Equal("C5", issue.Cell);
        Assert.Equal("999999", issue.Found);
    }

    [Fact]
    public void Validate_ShouldRejectAtThePeriodCell_WhenPeriodIsMalformed()
    {
        var issue = Single(Validate(Sub(period: "Q3/2025")), "REF004");

        Assert.Equal("C7", issue.Cell);
        Assert.Equal("Q3/2025", issue.Found);
    }

    [Theory]
    [InlineData("2024年", 2024, 4)]
    [InlineData("2024年全年", 2024, 4)]
    [InlineData("2024年1-12月", 2024, 4)]
    [InlineData("2025年1-6月", 2025, 2)]
    [InlineData("2025年上半年", 2025, 2)]
    [InlineData("2025年前三季度", 2025, 3)]
    [InlineData("2025年一季度", 2025, 1)]
    public void Validate_ShouldAcceptThePeriod_WhenTheCoverWordsItAsBureausDo(string text, int year, int quarter)
    {
        var v = Validate(Sub(period: text));

        Assert.DoesNotContain(v.Issues, i => i.Code == "REF004");
        Assert.Equal(new Period(year, quarter), v.Period);
    }

    [Fact]
    public void Validate_ShouldSayWhatIsExpected_WhenTheCoverNamesASingleQuarterOnAYearToDateReturn()
    {
        var issue = Single(Validate(Sub(period: "2024年四季度")), "REF004");

        Assert.Equal("C7", issue.Cell);
        Assert.Equal("2024年四季度", issue.Found);
        Assert.Contains("10-12", issue.MessageEn, StringComparison.Ordinal);
        Assert.Contains("2024年全年", issue.MessageEn, StringComparison.Ordinal);
        Assert.Contains("2024年1-12月", issue.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShouldReject_WhenThePeriodHasNotEnded()
    {
        // The clock stands in November 2025: 2025Q4 is still running.
        var issue = Single(Validate(Sub(period: "2025Q4")), "REF005");

        Assert.Equal("C7", issue.Cell);
    }

    [Fact]
    public void Validate_ShouldReject_WhenTheRegionCodeWasNotValidInThePeriod()
    {
        // Keqiao's code 330603 exists only from October 2013; Shaoxing County 330621 before that.
        var issue = Single(Validate(Sub(region: "330603", period: "2012Q4")), "REF006");
        Assert.Equal("C5", issue.Cell);

        Assert.True(Validate(Sub(region: "330621", period: "2012Q4")).Accepted);
    }

    [Fact]
    public void Validate_ShouldPointAtTheCodeCell_WhenIndicatorIsUnknown()
    {
        var issue = Single(Validate(Sub(lines: [Line("INC_URBAN_PC", 1m * 62_845), Line("NOPE", 1m, row: 9)])), "REF003");

        Assert.Equal("B9", issue.Cell);
        Assert.Equal("NOPE", issue.Found);
    }

    [Fact]
    public void Validate_ShouldPointAtTheValueCell_WhenValueIsNotANumber()
    {
        var issue = Single(Validate(Sub(lines: [Line("INC_URBAN_PC", null, "about 60k", row: 7)])), "VAL001");

        Assert.Equal("F7", issue.Cell);
        Assert.Equal("about 60k", issue.Found);
        Assert.Contains("元", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShouldReject_WhenTheCellHoldsAnExcelError()
    {
        var v = Validate(Sub(lines: [Line("INC_URBAN_PC", 62_845m), new SubmittedValue("RATIO_URBAN_RURAL", null, "#DIV/0!", null, null,
            new CellRef(Sheet, "F8"), new CellRef(Sheet, "B8")) { IsExcelError = true }]));

        var issue = Single(v, "VAL001");
        Assert.Equal("F8", issue.Cell);
        Assert.Equal("#DIV/0!", issue.Found);
        Assert.False(v.Accepted);
    }

    [Fact]
    public void Validate_ShouldReject_WhenACountIsNegative()
    {
        var issue = Single(Validate(Sub(lines: [Line("WORKSHOPS", -3m, row: 18)])), "VAL002");

        Assert.Equal("F18", issue.Cell);
    }

    [Fact]
    public void Validate_ShouldWarnButAccept_WhenOutsideThePlausibleRange()
    {
        var v = Validate(Sub(lines: [Line("INC_URBAN_PC", 620_845m)]));

        var issue = Single(v, "VAL003");
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal("F6", issue.Cell);
        Assert.True(v.Accepted);
    }

    [Fact]
    public void Validate_ShouldConvert_WhenTheUnitColumnWasChanged()
    {
        var v = Validate(Sub(lines: [Line("FARMER_INCOME_RAISED", 55_780_000m, unit: "元")]));

        Assert.True(v.Accepted);
        Assert.Equal(5_578m, Assert.Single(v.Facts).Value);
    }

    [Fact]
    public void Validate_ShouldReject_WhenTheSameIndicatorComesTwiceWithDifferentValues()
    {
        var issue = Single(Validate(Sub(lines: [Line("INC_URBAN_PC", 62_845m, row: 6), Line("INC_URBAN_PC", 62_846m, row: 30)])), "VAL005");

        Assert.Equal("F30", issue.Cell);
    }

    [Fact]
    public void Validate_ShouldKeepNotAvailableAsNull_NotZero()
    {
        var v = Validate(Sub(lines: [Line("INC_URBAN_PC", 62_845m), Line("CHAIN_JOBS", null, "—", row: 14)]));

        Assert.True(v.Accepted);
        Assert.Null(v.Facts.Single(f => f.Indicator.Code == "CHAIN_JOBS").Value);
    }

    [Fact]
    public void Validate_ShouldReject_WhenThereAreNoIndicatorRows()
    {
        var v = Validate(Sub() with { Values = [] });

        Assert.Equal(Severity.Error, Single(v, "STR006").Severity);
    }
}
