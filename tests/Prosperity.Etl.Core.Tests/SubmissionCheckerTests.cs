using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Core.Tests;

public sealed class SubmissionCheckerTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly ManualResetEventSlim _release = new();

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
        _temp.Dispose();
    }

    private sealed class BlockingReader(ManualResetEventSlim release) : ISubmissionReader
    {
        public ReadResult Read(string path)
        {
            release.Wait(TimeSpan.FromMinutes(1));
            return new ReadResult(null, []);
        }
    }

    /// <summary>A reader that streams until it is told to stop, and records that it stopped.</summary>
    private sealed class StreamingReader : ISubmissionReader
    {
        public ManualResetEventSlim Stopped { get; } = new();

        public ReadResult Read(string path) => throw new NotSupportedException("the checker passes its token");

        public ReadResult Read(string path, CancellationToken cancellationToken)
        {
            try
            {
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Thread.Sleep(5);
                }
            }
            finally
            {
                Stopped.Set();
            }
        }
    }

    private sealed class FixedReader(Submission submission) : ISubmissionReader
    {
        public ReadResult Read(string path) => new(submission with { SourcePath = path }, []);
    }

    private sealed class HistoryWarehouse(params HistoryValue[] history) : IWarehouse
    {
        public Task EnsureReadyAsync(Reference.ReferenceCatalog catalog, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<StoredSubmission?> FindLoadedAsync(string sha256, CancellationToken cancellationToken = default) => Task.FromResult<StoredSubmission?>(null);

        public Task<LoadResult> LoadAcceptedAsync(SourceFile file, ValidatedSubmission submission, CancellationToken cancellationToken = default) =>
            LoadValidatedAsync(file, submission, false, cancellationToken);

        public Task<LoadResult> LoadValidatedAsync(SourceFile file, ValidatedSubmission submission, bool reviewRequired, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<long> RecordRejectedAsync(SourceFile file, ValidatedSubmission? submission, IReadOnlyList<ValidationIssue> issues, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<CurrentValue>> GetPublishedGrowthAsync(Period period, CancellationToken cancellationToken = default) => Task.FromResult<IReadOnlyList<CurrentValue>>([]);

        public Task<IReadOnlyList<CurrentValue>> GetCurrentValuesAsync(Period period, string? indicatorCode, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<HistoryValue>> GetRegionHistoryAsync(string regionCode, Period first, Period last, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<HistoryValue>>(history.Where(h => h.Period >= first && h.Period <= last).ToList());

        public Task<IReadOnlyList<AttemptIssue>> GetIssueHistoryAsync(string regionCode, Period? period, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<long?> FindFinalReturnAsync(string regionCode, Period period, CancellationToken cancellationToken = default) => Task.FromResult<long?>(null);

        public Task<IReadOnlyList<Import.Completeness.SubmissionSummary>> GetSubmissionSummaryAsync(Period first, Period last, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    [Fact]
    public async Task Check_ShouldStopTheReadItself_WhenTheTimeLimitPasses()
    {
        var reader = new StreamingReader();

        var result = await Checker(reader).CheckAsync(AFile());

        Assert.Equal("STR010", Assert.Single(result.Issues).Code);
        Assert.True(reader.Stopped.Wait(TimeSpan.FromSeconds(5)), "the read went on after the time limit");
        reader.Stopped.Dispose();
    }

    private string AFile()
    {
        var path = _temp.File("x.xlsx");
        File.WriteAllBytes(path, [1, 2, 3]);
        return path;
    }

    private static SubmissionChecker Checker(ISubmissionReader reader, IWarehouse? history = null, ValidationOptions? options = null, long maxBytes = 1_000) =>
        new(reader, new SubmissionValidator(Some.Catalog, Some.Clock), options ?? new ValidationOptions(), history, maxBytes, TimeSpan.FromMilliseconds(200));

    private static Submission Towns(decimal value) => new()
    {
        SourcePath = "x",
        RegionCode = new CoverField("330624", new CellRef("封面 Cover", "C5")),
        PeriodText = new CoverField("2025Q3", new CellRef("封面 Cover", "C7")),
        Values = [new SubmittedValue("TOWN_LISTS", value, null, null, null, new CellRef("指标 Indicators", "F9"), new CellRef("指标 Indicators", "B9"))],
    };

    [Fact]
    public async Task CheckAsync_ShouldRejectWithSTR010_WhenReadingTakesLongerThanTheLimit()
    {
        var result = await Checker(new BlockingReader(_release)).CheckAsync(AFile());

        var issue = Assert.Single(result.Issues);
        Assert.Equal("STR010", issue.Code);
        Assert.False(result.Accepted);
    }

    [Fact]
    public async Task CheckAsync_ShouldRejectWithSTR007BeforeReading_WhenTheFileIsTooLarge()
    {
        var result = await Checker(new BlockingReader(_release), maxBytes: 2).CheckAsync(AFile());

        Assert.Equal("STR007", Assert.Single(result.Issues).Code);
    }

    [Fact]
    public async Task CheckAsync_ShouldRunTheHistoryRules_WhenAWarehouseIsGiven()
    {
        var result = await Checker(new FixedReader(Towns(80m)), new HistoryWarehouse(new HistoryValue(new Period(2025, 2), "TOWN_LISTS", 88m))).CheckAsync(AFile());

        var issue = Assert.Single(result.Issues);
        Assert.Equal("CON003", issue.Code);
        Assert.Equal("F9", issue.Cell);
        Assert.False(result.Accepted);
    }

    [Fact]
    public async Task CheckAsync_ShouldApplyTheWarningPolicy_WhenExplanationsAreRequired()
    {
        var options = new ValidationOptions { RequireExplanationForWarnings = true };
        var result = await Checker(new FixedReader(Towns(9_000m)), options: options).CheckAsync(AFile());

        var issue = Assert.Single(result.Issues);
        Assert.Equal("VAL003", issue.Code);
        Assert.Equal(Severity.Error, issue.Severity);
        Assert.False(result.Accepted);
        Assert.False(result.Validated!.Accepted);
    }
}
