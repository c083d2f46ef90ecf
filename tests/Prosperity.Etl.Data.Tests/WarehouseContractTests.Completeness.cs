using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Data.Tests;

/// <summary>The submission summary behind the completeness matrix: the same answer on every dialect.</summary>
public abstract partial class WarehouseContractTests
{
    [SkippableFact]
    public async Task GetSubmissionSummary_ShouldSummariseEveryRegionAndQuarterWithAttempts_WhenReturnsWereAcceptedSupersededAndRejected()
    {
        var importer = await ReadyImporterAsync();
        var q2 = new Period(2025, 2);
        var t0 = Clock.Now;
        var v1 = await importer.ImportAsync(new WorkbookBuilder().Save(Temp.File("v1.xlsx")));
        Clock.Now = t0.AddDays(1);
        var v2 = await importer.ImportAsync(new WorkbookBuilder().WithValue("INC_URBAN_PC", 63_000m).Save(Temp.File("v2.xlsx")));
        Clock.Now = t0.AddDays(2);
        var late = await importer.ImportAsync(new WorkbookBuilder().WithRawValue("INC_URBAN_PC", "about 60k").Save(Temp.File("late.xlsx")));
        var keqiao = await importer.ImportAsync(new WorkbookBuilder().For(Some.Keqiao, q2)
            .WithRawValue("INC_URBAN_PC", "about 60k").Save(Temp.File("keqiao.xlsx")));
        var keqiao2 = await importer.ImportAsync(new WorkbookBuilder().For(Some.Keqiao, q2).WithRawValue("INC_URBAN_PC", "about 60k").WithRawValue("INC_RURAL_PC", "about 40k").Save(Temp.File("keqiao2.xlsx")));
        var warned = await importer.ImportAsync(new WorkbookBuilder().For(Some.Catalog.FindRegion("330683", q2)!, q2)
            .WithValue("WORKSHOPS", 30_000m).Save(Temp.File("shengzhou.xlsx")));
        Clock.Now = t0.AddDays(3);
        var oldCode = await importer.ImportAsync(new WorkbookBuilder().For(Some.Catalog.FindLatestRegion("330621")!, Some.Period).Save(Temp.File("old.xlsx")));
        await importer.ImportAsync(new WorkbookBuilder().For(Some.Xinchang with { Code = "999999" }, Some.Period).Save(Temp.File("unknown.xlsx")));
        var notAWorkbook = Temp.File("notes.xlsx");
        await File.WriteAllTextAsync(notAWorkbook, "this is not a workbook");
        await importer.ImportAsync(notAWorkbook);
        await importer.ImportAsync(new WorkbookBuilder().For(Some.Xinchang, new Period(2025, 1)).Save(Temp.File("q1.xlsx")));

        var rows = await CreateWarehouse().GetSubmissionSummaryAsync(q2, Some.Period);

        Assert.Equal(ImportStatus.Rejected, oldCode.Status);
        Assert.Equal(ImportStatus.AcceptedWithWarnings, warned.Status);
        Assert.Equal(["330603 2025Q2", "330683 2025Q2", "330621 2025Q3", "330624 2025Q3"], rows.Select(r => $"{r.RegionCode} {r.Period}"));

        var xinchang = rows.Single(r => r.RegionCode == "330624");
        Assert.Equal(v2.SubmissionId, xinchang.AcceptedSubmissionId);
        Assert.Equal(t0.AddDays(1), xinchang.AcceptedReceivedAt);
        Assert.Equal(0, xinchang.AcceptedWarningCount);
        Assert.Equal(1, xinchang.SupersededCount);
        Assert.Equal(1, xinchang.RejectedCount);
        Assert.Equal(late.SubmissionId, xinchang.LatestSubmissionId);
        Assert.Equal(late.SubmissionId, xinchang.LatestRejectedSubmissionId);
        Assert.Equal("rejected", xinchang.LatestStatus);
        Assert.Equal(t0.AddDays(2), xinchang.LatestReceivedAt);
        Assert.Equal(Errors(late), xinchang.LatestRejectedErrorCount);
        Assert.NotEqual(v1.SubmissionId, xinchang.AcceptedSubmissionId);

        var rejectedTwice = rows.Single(r => r.RegionCode == "330603");
        Assert.Null(rejectedTwice.AcceptedSubmissionId);
        Assert.Null(rejectedTwice.AcceptedReceivedAt);
        Assert.Equal(2, rejectedTwice.RejectedCount);
        Assert.Equal(0, rejectedTwice.SupersededCount);
        Assert.Equal(keqiao2.SubmissionId, rejectedTwice.LatestRejectedSubmissionId);
        Assert.Equal(Errors(keqiao2), rejectedTwice.LatestRejectedErrorCount);
        Assert.NotEqual(Errors(keqiao), Errors(keqiao2));

        var shengzhou = rows.Single(r => r.RegionCode == "330683");
        Assert.Equal(warned.SubmissionId, shengzhou.AcceptedSubmissionId);
        Assert.True(shengzhou.AcceptedWarningCount > 0);
        Assert.Equal("accepted", shengzhou.LatestStatus);
        Assert.Null(shengzhou.LatestRejectedSubmissionId);

        var old = rows.Single(r => r.RegionCode == "330621");
        Assert.Null(old.AcceptedSubmissionId);
        Assert.Equal(1, old.RejectedCount);
        Assert.Equal(oldCode.SubmissionId, old.LatestSubmissionId);
        Assert.Equal(Errors(oldCode), old.LatestRejectedErrorCount);
    }

    private static int Errors(ImportOutcome outcome) => outcome.Issues.Count(i => i.Severity == Validation.Severity.Error);

    [SkippableFact]
    public async Task GetSubmissionSummary_ShouldReturnNothing_WhenNoReturnWasSentInTheQuarters()
    {
        var importer = await ReadyImporterAsync();
        await importer.ImportAsync(new WorkbookBuilder().Save(Temp.File("q3.xlsx")));

        var rows = await CreateWarehouse().GetSubmissionSummaryAsync(new Period(2024, 1), new Period(2025, 2));

        Assert.Empty(rows);
    }
}
