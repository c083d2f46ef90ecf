using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Completeness;
using Prosperity.Etl.Validation;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Core.Tests;

public class CompletenessMatrixTests
{
    private static readonly DateTimeOffset T0 = new(2025, 10, 12, 2, 0, 0, TimeSpan.Zero);

    private static readonly IReadOnlyList<Period> Year2025 = CompletenessMatrix.Quarters(new Period(2025, 3), 3);

    private static SubmissionSummary Accepted(string code, Period period, int warnings = 0, int superseded = 0, int rejected = 0) => new()
    {
        RegionCode = code,
        Period = period,
        AcceptedSubmissionId = 100,
        AcceptedReceivedAt = T0,
        AcceptedWarningCount = warnings,
        SupersededCount = superseded,
        RejectedCount = rejected,
        LatestSubmissionId = 100,
        LatestReceivedAt = T0,
        LatestStatus = "accepted",
    };

    private static SubmissionSummary Rejected(string code, Period period, int attempts, int errors) => new()
    {
        RegionCode = code,
        Period = period,
        RejectedCount = attempts,
        LatestSubmissionId = 7,
        LatestReceivedAt = T0.AddDays(1),
        LatestStatus = "rejected",
        LatestRejectedSubmissionId = 7,
        LatestRejectedErrorCount = errors,
        LatestRejectedWarningCount = 1,
    };

    private static CompletenessCell CellOf(CompletenessMatrix matrix, string code, Period period) =>
        matrix.Rows.Single(r => r.Region.Code == code).Cells.Single(c => c.Period == period);

    [Fact]
    public void Build_ShouldListEachCityThenItsCountyLevelUnitsInCatalogueOrder_WhenTheQuartersAreRecent()
    {
        var matrix = CompletenessMatrix.Build(Some.Catalog, Year2025, []);

        Assert.Equal(11, matrix.Groups.Count);
        Assert.Equal("330100", matrix.Groups[0].City.Code);
        Assert.Equal("330100", matrix.Groups[0].Rows[0].Region.Code);
        Assert.All(matrix.Groups[0].Rows.Skip(1), r => Assert.StartsWith("3301", r.Region.Code, StringComparison.Ordinal));
        var shaoxing = matrix.Groups.Single(g => g.City.Code == "330600");
        Assert.Equal(["330600", "330602", "330603", "330604", "330624", "330681", "330683", "F330601"], shaoxing.Rows.Select(r => r.Region.Code));
        Assert.DoesNotContain(matrix.Rows, r => r.Region.Level == RegionLevel.Province);
        Assert.Equal(Year2025, matrix.Periods);
    }

    [Fact]
    public void Build_ShouldMarkMissingAndCountEveryExpectedRegion_WhenNothingWasSent()
    {
        var matrix = CompletenessMatrix.Build(Some.Catalog, Year2025, []);

        Assert.All(matrix.Rows.SelectMany(r => r.Cells), c => Assert.Equal(CompletenessState.Missing, c.State));
        // The province's 11 cities, its 90 county-level units and the Binhai New Area.
        Assert.All(matrix.Totals, t => Assert.Equal((102, 0, 102), (t.Expected, t.Accepted, t.Missing)));
    }

    [Fact]
    public void Build_ShouldShowOldCodesOnlyUntilTheirEndDate_WhenTheQuartersSpanTheChangeOf2013()
    {
        var quarters = CompletenessMatrix.Quarters(new Period(2014, 1), 3);

        var matrix = CompletenessMatrix.Build(Some.Catalog, quarters, []);

        var rows = matrix.Groups.Single(g => g.City.Code == "330600").Rows.Select(r => r.Region.Code).ToList();
        Assert.Equal(["330600", "330602", "330621", "330603", "330682", "330604", "330624", "330681", "330683"], rows);
        Assert.Equal([CompletenessState.Missing, CompletenessState.Missing, CompletenessState.NotApplicable],
            matrix.Rows.Single(r => r.Region.Code == "330621").Cells.Select(c => c.State));
        Assert.Equal([CompletenessState.NotApplicable, CompletenessState.Missing, CompletenessState.Missing],
            matrix.Rows.Single(r => r.Region.Code == "330603").Cells.Select(c => c.State));
        Assert.False(CellOf(matrix, "330682", new Period(2014, 1)).Expected);
        Assert.Equal(new Period(2013, 4), matrix.Totals[1].Period);
        var shaoxing = matrix.Groups.Single(g => g.City.Code == "330600");
        Assert.Equal(1 + 8, shaoxing.Rows.Count(r => r.Cells[1].Expected));
        Assert.Equal(1 + 6, shaoxing.Rows.Count(r => r.Cells[0].Expected));
        Assert.All(Enumerable.Range(0, 3), q => Assert.Equal(matrix.Rows.Count(r => r.Cells[q].Expected), matrix.Totals[q].Expected));
    }

    [Fact]
    public void Build_ShouldGiveEachCellItsState_WhenSummariesSayAcceptedWarnedRejectedOrResubmitted()
    {
        var q3 = new Period(2025, 3);
        var matrix = CompletenessMatrix.Build(Some.Catalog, Year2025,
        [
            Accepted("330624", q3, superseded: 2, rejected: 1),
            Accepted("330603", q3, warnings: 3),
            Rejected("330604", q3, attempts: 2, errors: 4),
            Accepted("330602", new Period(2024, 4)),
        ]);

        var xinchang = CellOf(matrix, "330624", q3);
        Assert.Equal(CompletenessState.Accepted, xinchang.State);
        Assert.Equal("✓↻", xinchang.Mark);
        Assert.Equal((100L, 2, 1), (xinchang.SubmissionId!.Value, xinchang.SupersededCount, xinchang.RejectedCount));
        Assert.Equal(T0, xinchang.ReceivedAt);

        var keqiao = CellOf(matrix, "330603", q3);
        Assert.Equal(CompletenessState.AcceptedWithWarnings, keqiao.State);
        Assert.Equal("!", keqiao.Mark);
        Assert.Equal(3, keqiao.WarningCount);

        var shangyu = CellOf(matrix, "330604", q3);
        Assert.Equal(CompletenessState.Rejected, shangyu.State);
        Assert.Equal("✗", shangyu.Mark);
        Assert.Null(shangyu.SubmissionId);
        Assert.Equal((2, 4, 1, 7L), (shangyu.RejectedCount, shangyu.ErrorCount, shangyu.WarningCount, shangyu.LatestRejectedSubmissionId!.Value));
        Assert.Equal(T0.AddDays(1), shangyu.ReceivedAt);

        Assert.Equal("·", CellOf(matrix, "330681", q3).Mark);
        Assert.Equal(CompletenessState.Missing, CellOf(matrix, "330602", new Period(2025, 1)).State);

        var total = matrix.Totals[^1];
        Assert.Equal((102, 2, 1, 1, 99, 1), (total.Expected, total.Accepted, total.AcceptedWithWarnings, total.Rejected, total.Missing, total.Resubmitted));
    }

    [Fact]
    public void Build_ShouldShowButNotCountAttempts_WhenTheyUseACodeThatNoLongerExisted()
    {
        var q3 = new Period(2013, 3);
        var quarters = CompletenessMatrix.Quarters(new Period(2014, 1), 3);

        var matrix = CompletenessMatrix.Build(Some.Catalog, quarters, [Rejected("330621", new Period(2014, 1), attempts: 1, errors: 1), Accepted("330621", q3)]);

        var late = CellOf(matrix, "330621", new Period(2014, 1));
        Assert.Equal(CompletenessState.Rejected, late.State);
        Assert.False(late.Expected);
        Assert.Equal(0, matrix.Totals[^1].Rejected);
        Assert.Equal(1, matrix.Totals[0].Accepted);
    }

    [Fact]
    public void Build_ShouldMatchCodesWhateverTheirCase_WhenAFunctionalAreaCodeWasWrittenInLowerCase()
    {
        var matrix = CompletenessMatrix.Build(Some.Catalog, Year2025, [Rejected("f330601", new Period(2025, 2), attempts: 1, errors: 2)]);

        Assert.Equal(CompletenessState.Rejected, CellOf(matrix, "F330601", new Period(2025, 2)).State);
    }

    [Fact]
    public async Task LoadAsync_ShouldAskTheWarehouseForExactlyTheQuartersShown_WhenGivenTheLastQuarterAndACount()
    {
        var warehouse = new SummaryWarehouse([Accepted("330624", new Period(2025, 1)), Accepted("330624", new Period(2024, 3))]);

        var matrix = await CompletenessMatrix.LoadAsync(warehouse, Some.Catalog, new Period(2025, 2), 3);

        Assert.Equal((new Period(2024, 4), new Period(2025, 2)), warehouse.Asked);
        Assert.Equal([CompletenessState.Missing, CompletenessState.Accepted, CompletenessState.Missing],
            matrix.Rows.Single(r => r.Region.Code == "330624").Cells.Select(c => c.State));
    }

    private sealed class SummaryWarehouse(IReadOnlyList<SubmissionSummary> summaries) : IWarehouse
    {
        public (Period First, Period Last)? Asked { get; private set; }

        public Task EnsureReadyAsync(Reference.ReferenceCatalog catalog, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<StoredSubmission?> FindLoadedAsync(string sha256, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<LoadResult> LoadAcceptedAsync(SourceFile file, ValidatedSubmission submission, CancellationToken cancellationToken = default) =>
            LoadValidatedAsync(file, submission, false, cancellationToken);

        public Task<LoadResult> LoadValidatedAsync(SourceFile file, ValidatedSubmission submission, bool reviewRequired, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> RecordRejectedAsync(SourceFile file, ValidatedSubmission? submission, IReadOnlyList<ValidationIssue> issues, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<CurrentValue>> GetPublishedGrowthAsync(Period period, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<CurrentValue>>([]);

        public Task<IReadOnlyList<CurrentValue>> GetCurrentValuesAsync(Period period, string? indicatorCode, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long?> FindFinalReturnAsync(string regionCode, Period period, CancellationToken cancellationToken = default) => Task.FromResult<long?>(null);

        // Returns every summary, as a careless store might: the matrix keeps only its own quarters.
        public Task<IReadOnlyList<SubmissionSummary>> GetSubmissionSummaryAsync(Period first, Period last, CancellationToken cancellationToken = default)
        {
            Asked = (first, last);
            return Task.FromResult(summaries);
        }

        public Task<IReadOnlyList<HistoryValue>> GetRegionHistoryAsync(string regionCode, Period first, Period last, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<AttemptIssue>> GetIssueHistoryAsync(string regionCode, Period? period, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    [Fact]
    public void Quarters_ShouldEndWithTheGivenQuarterOldestFirst_WhenCountingBackOverAYearEnd()
    {
        Assert.Equal([new Period(2024, 3), new Period(2024, 4), new Period(2025, 1)], CompletenessMatrix.Quarters(new Period(2025, 1), 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => CompletenessMatrix.Quarters(new Period(2025, 1), 0));
    }

    [Theory]
    [InlineData("2025-09-30T15:59:00Z", "2025Q2")]
    [InlineData("2025-09-30T16:00:00Z", "2025Q3")]
    [InlineData("2026-01-01T03:00:00Z", "2025Q4")]
    [InlineData("2025-12-31T15:30:00Z", "2025Q3")]
    public void LatestEndedQuarter_ShouldUseChinaTime_WhenTheUtcDateIsStillTheDayBefore(string utc, string expected)
    {
        var now = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(expected, Period.LatestEnded(now).Code);
    }
}
