using Prosperity.Etl.Domain;
using Prosperity.Etl.Import.Completeness;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>
/// The warehouse as the business sees it: submissions go in whole or not at all, with history;
/// current values come out for ranking. Each SQL dialect implements it.
/// </summary>
public interface IWarehouse
{
    /// <summary>Creates or upgrades the schema and seeds the dimensions from the reference catalogue.</summary>
    Task EnsureReadyAsync(ReferenceCatalog catalog, CancellationToken cancellationToken = default);

    /// <summary>An accepted or superseded submission of a file with this SHA-256, if any.</summary>
    Task<StoredSubmission?> FindLoadedAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores an accepted submission and its facts in one transaction; the region's earlier accepted
    /// submission for the period becomes superseded and keeps its facts as history. Review is not
    /// asked for; a return for a published period still waits as a revision.
    /// </summary>
    Task<LoadResult> LoadAcceptedAsync(SourceFile file, ValidatedSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a submission that passed validation and its facts in one transaction. Figures equal to
    /// the region's latest return (pending, else current) are recorded as <c>unchanged</c>, with no
    /// facts. Otherwise, with <paramref name="reviewRequired"/> or when the period has been published
    /// (a revision), it waits for review as <c>pending</c> (replacing an earlier pending one) and
    /// nothing official changes; without, it is approved at once and the earlier current version is
    /// superseded, keeping its facts as history.
    /// </summary>
    Task<LoadResult> LoadValidatedAsync(SourceFile file, ValidatedSubmission submission, bool reviewRequired, CancellationToken cancellationToken = default);

    /// <summary>Records a rejected attempt and its issues; no dimension or fact changes.</summary>
    Task<long> RecordRejectedAsync(SourceFile file, ValidatedSubmission? submission, IReadOnlyList<ValidationIssue> issues, CancellationToken cancellationToken = default);

    /// <summary>The current value of every indicator (or one) for every region in a period.</summary>
    Task<IReadOnlyList<CurrentValue>> GetCurrentValuesAsync(Period period, string? indicatorCode, CancellationToken cancellationToken = default);

    /// <summary>
    /// The growth bulletins publish for a period (percent on the same period last year, comparable
    /// basis), of every region's current bulletin submission; none where no bulletin printed it.
    /// </summary>
    Task<IReadOnlyList<CurrentValue>> GetPublishedGrowthAsync(Period period, CancellationToken cancellationToken = default);

    /// <summary>
    /// The current values of a region (by code) for every indicator in <paramref name="first"/> ..
    /// <paramref name="last"/>: the history the consistency and outlier rules compare a return with.
    /// </summary>
    Task<IReadOnlyList<HistoryValue>> GetRegionHistoryAsync(string regionCode, Period first, Period last, CancellationToken cancellationToken = default);

    /// <summary>Every attempt for a region (as written on its cover), optionally one period, oldest first, with its issues.</summary>
    Task<IReadOnlyList<AttemptIssue>> GetIssueHistoryAsync(string regionCode, Period? period, CancellationToken cancellationToken = default);

    /// <summary>
    /// One summary per region and quarter in <paramref name="first"/> .. <paramref name="last"/> with
    /// any attempt (district and city returns; bulletin figures are not attempts): the current
    /// accepted version, superseded and rejected counts, the latest attempt. Rejected attempts without
    /// a region or period key count under the codes written on the cover when those are known codes.
    /// </summary>
    Task<IReadOnlyList<SubmissionSummary>> GetSubmissionSummaryAsync(Period first, Period last, CancellationToken cancellationToken = default);

    /// <summary>
    /// The final full-year return (年报) of a region and period, accepted or waiting for review: its
    /// submission id, or null when none is loaded. A preliminary return (快报) may not replace it.
    /// </summary>
    Task<long?> FindFinalReturnAsync(string regionCode, Period period, CancellationToken cancellationToken = default);
}
