using Prosperity.Etl.Domain;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Core.Tests;

/// <summary>The status of full-year figures: 快报 (preliminary) and 年报 (final), on the cover or the period.</summary>
public sealed class DataStageTests
{
    private static Submission Sub(string period, string? stage = null) => new()
    {
        SourcePath = "/inbox/x.xlsx",
        RegionCode = new CoverField("330624", new CellRef("封面", "C3")),
        PeriodText = new CoverField(period, new CellRef("封面", "C5")),
        Stage = stage is null ? null : new CoverField(stage, new CellRef("封面", "C8")),
        Values = [new SubmittedValue("INC_URBAN_PC", 83_584m, null, null, null, new CellRef("指标", "E6"), new CellRef("指标", "C6"))],
    };

    private static ValidatedSubmission Validate(Submission s) => new SubmissionValidator(Some.Catalog, Some.Clock).Validate(s);

    [Theory]
    [InlineData("2024年", "快报", DataStage.Preliminary, "C8")]
    [InlineData("2024年全年", "年报", DataStage.Final, "C8")]
    [InlineData("2024Q4", " 初步数 ", DataStage.Preliminary, "C8")]
    [InlineData("2024年（快报）", null, DataStage.Preliminary, "C5")]
    [InlineData("2024年年报", null, DataStage.Final, "C5")]
    [InlineData("2024年1-12月 年报", "年报", DataStage.Final, "C8")]
    public void Validate_ShouldReadTheStatusOfFullYearFigures_FromTheCoverOrThePeriod(string period, string? stage, DataStage expected, string cell)
    {
        var v = Validate(Sub(period, stage));

        Assert.True(v.Accepted, string.Join("; ", v.Issues));
        Assert.Equal(new Period(2024, 4), v.Period);
        Assert.Equal(expected, v.Stage);
        Assert.Equal(cell, v.StageLocation!.Value.Cell);
    }

    [Fact]
    public void Validate_ShouldRecordNoStatus_WhenTheFullYearReturnDoesNotSayOne()
    {
        var v = Validate(Sub("2024年"));

        Assert.True(v.Accepted);
        Assert.Null(v.Stage);
    }

    [Fact]
    public void Validate_ShouldRefuseAtTheCell_AStatusThatIsNeither()
    {
        var v = Validate(Sub("2024年", "初稿"));

        var issue = Assert.Single(v.Issues);
        Assert.Equal(("REF010", Severity.Error, "C8", "初稿"), (issue.Code, issue.Severity, issue.Cell, issue.Found));
        Assert.Contains("快报", issue.MessageZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ShouldRefuse_WhenThePeriodAndTheStatusDisagree()
    {
        var issue = Assert.Single(Validate(Sub("2024年（快报）", "年报")).Issues);

        Assert.Equal(("REF010", "C8"), (issue.Code, issue.Cell));
    }

    [Fact]
    public void Validate_ShouldWarnAndRecordNoStatus_OnAQuarterThatIsNotTheFullYear()
    {
        var v = Validate(Sub("2025年前三季度", "快报"));

        Assert.True(v.Accepted);
        Assert.Null(v.Stage);
        var issue = Assert.Single(v.Issues);
        Assert.Equal(("REF011", Severity.Warning, "C8"), (issue.Code, issue.Severity, issue.Cell));
    }

    [Theory]
    [InlineData("2025年全省各市城乡居民人均可支配收入（快报）", "2025年全省各市城乡居民人均可支配收入", DataStage.Preliminary)]
    [InlineData("2025年报", "2025年", DataStage.Final)]
    [InlineData("2025Q4 【年报】", "2025Q4", DataStage.Final)]
    [InlineData("2025年全年", "2025年全年", null)]
    public void Split_ShouldTakeTheStatusOffAPeriodOrTitle(string text, string rest, DataStage? stage)
    {
        Assert.Equal((rest, stage), DataStages.Split(text));
    }
}
