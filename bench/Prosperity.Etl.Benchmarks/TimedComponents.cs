using System.Diagnostics;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Benchmarks;

/// <summary>Wall time spent per stage, summed over the files of a run.</summary>
internal sealed class StageTimings
{
    private readonly Dictionary<string, TimeSpan> _spent = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, TimeSpan> Spent => _spent;

    public void Add(string stage, TimeSpan time) => _spent[stage] = _spent.GetValueOrDefault(stage) + time;

    public T Time<T>(string stage, Func<T> action)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return action();
        }
        finally
        {
            Add(stage, clock.Elapsed);
        }
    }

    public async Task<T> TimeAsync<T>(string stage, Func<Task<T>> action)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await action();
        }
        finally
        {
            Add(stage, clock.Elapsed);
        }
    }
}

/// <summary>The product's reader with its time recorded as the "read" stage.</summary>
internal sealed class TimedReader(ISubmissionReader inner, StageTimings timings) : ISubmissionReader
{
    public ReadResult Read(string path) => timings.Time("read", () => inner.Read(path));
}

/// <summary>The product's warehouse with each call's time recorded under its own stage.</summary>
internal sealed class TimedWarehouse(IWarehouse inner, StageTimings timings) : IWarehouse
{
    public Task EnsureReadyAsync(ReferenceCatalog catalog, CancellationToken cancellationToken = default) =>
        timings.TimeAsync("migrate_and_seed", async () => { await inner.EnsureReadyAsync(catalog, cancellationToken); return 0; });

    public Task<StoredSubmission?> FindLoadedAsync(string sha256, CancellationToken cancellationToken = default) =>
        timings.TimeAsync("find_loaded_by_hash", () => inner.FindLoadedAsync(sha256, cancellationToken));

    public Task<LoadResult> LoadAcceptedAsync(SourceFile file, ValidatedSubmission submission, CancellationToken cancellationToken = default) =>
        timings.TimeAsync("load_transaction", () => inner.LoadAcceptedAsync(file, submission, cancellationToken));

    public Task<LoadResult> LoadValidatedAsync(SourceFile file, ValidatedSubmission submission, bool reviewRequired, CancellationToken cancellationToken = default) =>
        timings.TimeAsync("load_transaction", () => inner.LoadValidatedAsync(file, submission, reviewRequired, cancellationToken));

    public Task<long> RecordRejectedAsync(SourceFile file, ValidatedSubmission? submission, IReadOnlyList<ValidationIssue> issues, CancellationToken cancellationToken = default) =>
        timings.TimeAsync("record_rejected", () => inner.RecordRejectedAsync(file, submission, issues, cancellationToken));

    public Task<IReadOnlyList<CurrentValue>> GetCurrentValuesAsync(Period period, string? indicatorCode, CancellationToken cancellationToken = default) =>
        timings.TimeAsync("rank_read_values", () => inner.GetCurrentValuesAsync(period, indicatorCode, cancellationToken));

    public Task<IReadOnlyList<CurrentValue>> GetPublishedGrowthAsync(Period period, CancellationToken cancellationToken = default) =>
        timings.TimeAsync("rank_read_published_growth", () => inner.GetPublishedGrowthAsync(period, cancellationToken));

    public Task<IReadOnlyList<HistoryValue>> GetRegionHistoryAsync(string regionCode, Period first, Period last, CancellationToken cancellationToken = default) =>
        timings.TimeAsync("history_for_outlier_rules", () => inner.GetRegionHistoryAsync(regionCode, first, last, cancellationToken));

    public Task<IReadOnlyList<AttemptIssue>> GetIssueHistoryAsync(string regionCode, Period? period, CancellationToken cancellationToken = default) =>
        inner.GetIssueHistoryAsync(regionCode, period, cancellationToken);

    public Task<IReadOnlyList<Import.Completeness.SubmissionSummary>> GetSubmissionSummaryAsync(Period first, Period last, CancellationToken cancellationToken = default) =>
        inner.GetSubmissionSummaryAsync(first, last, cancellationToken);

    public Task<long?> FindFinalReturnAsync(string regionCode, Period period, CancellationToken cancellationToken = default) =>
        inner.FindFinalReturnAsync(regionCode, period, cancellationToken);
}
