using Prosperity.Etl.Domain;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Core.Tests;

public class WarningPolicyTests
{
    private const string Sheet = "指标 Indicators";

    private static ValidatedSubmission Validate(string? explanation)
    {
        var line = new SubmittedValue("INC_URBAN_PC", 620_845m, null, null, explanation, new CellRef(Sheet, "F6"), new CellRef(Sheet, "B6"));
        var submission = new Submission
        {
            SourcePath = "/inbox/x.xlsx",
            RegionCode = new CoverField("330624", new CellRef("封面 Cover", "C5")),
            PeriodText = new CoverField("2025Q3", new CellRef("封面 Cover", "C7")),
            Values = [line],
        };
        return new SubmissionValidator(Some.Catalog, Some.Clock).Validate(submission);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("新建工业园区，收入统计口径调整")]
    public void Apply_ShouldAcceptAndFlag_WhenWarningsNeedNoExplanation(string? explanation)
    {
        var v = Validate(explanation);

        var issues = WarningPolicy.Apply(v.Issues, v, new ValidationOptions());

        var issue = Assert.Single(issues);
        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.Equal("F6", issue.Cell);
    }

    [Fact]
    public void Apply_ShouldMakeTheWarningAnError_WhenAnExplanationIsRequiredAndMissing()
    {
        var v = Validate(null);

        var issue = Assert.Single(WarningPolicy.Apply(v.Issues, v, new ValidationOptions { RequireExplanationForWarnings = true }));

        Assert.Equal("VAL003", issue.Code);
        Assert.Equal(Severity.Error, issue.Severity);
        Assert.Equal("F6", issue.Cell);
        Assert.EndsWith("(an explanation is required)", issue.MessageEn, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ShouldKeepTheWarning_WhenAnExplanationIsRequiredAndGiven()
    {
        var v = Validate("新建工业园区");

        var issue = Assert.Single(WarningPolicy.Apply(v.Issues, v, new ValidationOptions { RequireExplanationForWarnings = true }));

        Assert.Equal(Severity.Warning, issue.Severity);
        Assert.True(WarningPolicy.IsExplained(issue, v));
    }
}
