using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Core.Tests;

public class HistoryRulesTests
{
    private const string Sheet = "指标 Indicators";

    private static ValidatedSubmission Return(Period period, string code, decimal value, string cell) =>
        new(null, Some.Xinchang, period, [new FactValue(Some.Catalog.FindIndicator(code)!, value, null, new CellRef(Sheet, cell))], []);

    private static HistoryValue H(int year, int quarter, string code, decimal? value) => new(new Period(year, quarter), code, value);

    private static IReadOnlyList<ValidationIssue> Check(ValidatedSubmission s, params HistoryValue[] history) =>
        new HistoryRules(new ValidationOptions()).Check(s, history);

    [Fact]
    public void Check_ShouldRejectAtTheValueCell_WhenAYearToDateFlowIsBelowThePreviousQuarter()
    {
        var issues = Check(Return(new Period(2025, 3), "TOWN_LISTS", 80m, "F9"), H(2025, 2, "TOWN_LISTS", 88m));

        var issue = Assert.Single(issues);
        Assert.Equal("CON003", issue.Code);
        Assert.Equal(Severity.Error, issue.Severity);
        Assert.Equal(Sheet, issue.Sheet);
        Assert.Equal("F9", issue.Cell);
        Assert.Equal("80", issue.Found);
        Assert.Contains("88", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ShouldNotCompareAcrossYears_WhenTheReturnIsAFirstQuarter()
    {
        var issues = Check(Return(new Period(2025, 1), "TOWN_LISTS", 30m, "F9"), H(2024, 4, "TOWN_LISTS", 88m), H(2024, 3, "TOWN_LISTS", 60m));

        Assert.DoesNotContain(issues, i => i.Code == "CON003");
    }

    [Fact]
    public void Check_ShouldWarnAtTheValueCell_WhenAStockJumpsOnThePreviousQuarter()
    {
        var issues = Check(Return(new Period(2025, 3), "WORKSHOPS", 400m, "F18"), H(2025, 2, "WORKSHOPS", 150m));

        var issue = Assert.Single(issues, i => i.Code == "OUT001");
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal("F18", issue.Cell);
        Assert.Equal("400", issue.Found);
    }

    [Fact]
    public void Check_ShouldNotCompareAFlowWithTheAdjacentQuarter_WhenItsSecondQuarterIsSeasonallySmaller()
    {
        // National rural per-capita disposable income 2024: 6,596 yuan in Q1, 10,919 by H1. Q2 alone
        // (4,323) is 34 % below Q1, past the 30 % threshold, in an ordinary year.
        var issues = Check(Return(new Period(2024, 2), "INC_RURAL_PC", 10_919m, "F7"), H(2024, 1, "INC_RURAL_PC", 6_596m));

        Assert.DoesNotContain(issues, i => i.Code == "OUT001");
        Assert.Empty(issues);
    }

    [Fact]
    public void Check_ShouldCompareAFlowsQuarterOnlyAmount_WithTheSameQuarterLastYear()
    {
        // Q3 alone: 45 last year; this year 45 is normal, 200 is not, although the year-to-date figures move less.
        HistoryValue[] history = [H(2024, 2, "TOWN_LISTS", 80m), H(2024, 3, "TOWN_LISTS", 125m), H(2025, 1, "TOWN_LISTS", 50m), H(2025, 2, "TOWN_LISTS", 90m)];
        var normal = Check(Return(new Period(2025, 3), "TOWN_LISTS", 135m, "F9"), history);
        Assert.DoesNotContain(normal, i => i.Code is "OUT001" or "OUT002");

        var jump = Check(Return(new Period(2025, 3), "TOWN_LISTS", 290m, "F9"), history);
        var issue = Assert.Single(jump, i => i.Code == "OUT002");
        Assert.DoesNotContain(jump, i => i.Code == "OUT001");
        Assert.Equal("F9", issue.Cell);
        Assert.Contains("quarter-only 200", issue.Found, StringComparison.Ordinal);
        Assert.Contains("45 (2024Q3)", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ShouldWarnAtTheValueCell_WhenTheValueMovedTooFarOnTheSameQuarterLastYear()
    {
        var issues = Check(Return(new Period(2025, 3), "INC_URBAN_PC", 90_000m, "F6"), H(2024, 3, "INC_URBAN_PC", 60_000m));

        var issue = Assert.Single(issues, i => i.Code == "OUT002");
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal("F6", issue.Cell);
        Assert.Contains("2024Q3", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ShouldUseThePerIndicatorThreshold_WhenOneIsConfigured()
    {
        var options = new ValidationOptions();
        options.ChangeThresholds["INC_URBAN_PC"] = 0.6m;

        var issues = new HistoryRules(options).Check(Return(new Period(2025, 3), "INC_URBAN_PC", 90_000m, "F6"), [H(2024, 3, "INC_URBAN_PC", 60_000m)]);

        Assert.DoesNotContain(issues, i => i.Code == "OUT002");
    }

    [Fact]
    public void Check_ShouldWarnAtTheValueCell_WhenTheRobustZScoreIsBeyondTheLimit()
    {
        // Twelve quarters of a stock around 150; 260 is within 100 % of the last quarter but far from the history.
        var history = Enumerable.Range(0, 12).Select(i => H(2022 + (i / 4), (i % 4) + 1, "WORKSHOPS", 150m + (i % 3))).ToArray();

        var issues = Check(Return(new Period(2025, 1), "WORKSHOPS", 200m, "F18"), history);

        var issue = Assert.Single(issues, i => i.Code == "OUT003");
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal("F18", issue.Cell);
        Assert.Contains("median 151", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_ShouldNotComputeAZScore_WhenTheHistoryIsShort()
    {
        var history = Enumerable.Range(0, 4).Select(i => H(2024, i + 1, "WORKSHOPS", 150m + i)).ToArray();

        var issues = Check(Return(new Period(2025, 1), "WORKSHOPS", 200m, "F18"), history);

        Assert.DoesNotContain(issues, i => i.Code == "OUT003");
    }

    [Fact]
    public void Check_ShouldIgnoreTheSamePeriodsEarlierVersion_WhenTheRegionResubmits()
    {
        var issues = Check(Return(new Period(2025, 3), "WORKSHOPS", 400m, "F18"), H(2025, 3, "WORKSHOPS", 150m));

        Assert.Empty(issues);
    }
}
