using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Review;

/// <summary>
/// Review, publication and revision in the warehouse. Every method is one transaction, idempotent
/// (an action repeated changes nothing and says so), and leaves a row in <c>etl_review_action</c>.
/// A refused action (a submission that is not waiting, a revision without its note) throws
/// <see cref="ReviewException"/> and writes nothing.
/// </summary>
public interface IReviewStore
{
    /// <summary>The returns waiting for review (first returns and revisions), optionally of one period, oldest first, with their warnings and explanations.</summary>
    Task<IReadOnlyList<PendingReturn>> GetPendingAsync(Period? period, CancellationToken cancellationToken = default);

    /// <summary>One submission as review sees it; null when there is none with that id.</summary>
    Task<ReviewedSubmission?> FindAsync(long submissionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Approves a pending return: it becomes the current official version (the one it replaces is
    /// superseded). In a published period it is a revision: <paramref name="note"/> (修订说明) is
    /// required and the approval makes a new release.
    /// </summary>
    Task<ReviewOutcome> ApproveAsync(long submissionId, string actor, string? note, CancellationToken cancellationToken = default);

    /// <summary>Returns a pending return to the district (退回) with <paramref name="reason"/>; nothing official changes.</summary>
    Task<ReviewOutcome> ReturnAsync(long submissionId, string actor, string reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes an earlier version of a region's return for its period current again, through review:
    /// a new pending submission with the earlier one's figures (restored_from), recorded with who and why.
    /// </summary>
    Task<ReviewOutcome> RestoreAsync(long submissionId, string actor, string reason, CancellationToken cancellationToken = default);

    /// <summary>Publishes a period (发布): a numbered release of its approved returns. Nothing new to publish: a no-op.</summary>
    Task<ReleaseOutcome> PublishAsync(Period period, string actor, string? note, CancellationToken cancellationToken = default);

    /// <summary>The releases of a period, oldest first.</summary>
    Task<IReadOnlyList<ReleaseInfo>> GetReleasesAsync(Period period, CancellationToken cancellationToken = default);

    /// <summary>Whether a period is published, its latest release and what waits for review.</summary>
    Task<PeriodPublication> GetPublicationAsync(Period period, CancellationToken cancellationToken = default);

    /// <summary>The audit rows of a submission (or, with null, the latest <paramref name="limit"/> of all), newest first.</summary>
    Task<IReadOnlyList<ReviewAction>> GetActionsAsync(long? submissionId, int limit = 100, CancellationToken cancellationToken = default);
}

/// <summary>A refused review action: the message says what and why, for the operator.</summary>
public sealed class ReviewException(string message) : Exception(message);

/// <summary>A return waiting for review.</summary>
public sealed record PendingReturn(
    long SubmissionId,
    string RegionCode,
    string RegionNameZh,
    string PeriodCode,
    string FileName,
    DateTimeOffset ReceivedAt,
    int ValueCount,
    int WarningCount,
    bool IsRevision,
    long? RestoredFrom,
    long? Replaces,
    int? DaysLate)
{
    /// <summary>The warnings stored with it (outliers, explained or not).</summary>
    public IReadOnlyList<ValidationIssue> Warnings { get; init; } = [];

    /// <summary>The explanations (上报说明) the district wrote, by indicator code.</summary>
    public IReadOnlyList<(string IndicatorCode, string Explanation)> Explanations { get; init; } = [];
}

/// <summary>A submission as review sees it.</summary>
public sealed record ReviewedSubmission(long SubmissionId, string Status, string SourceKind, string? RegionCode, string? PeriodCode,
    string FileName, string FilePath, bool IsRevision, string? ReviewNote, long? ReleaseId);

/// <summary>What a review action did.</summary>
/// <param name="SubmissionId">The submission acted on (for a restore: the new pending one).</param>
/// <param name="Done">False when the action had been done before (idempotent: nothing changed).</param>
/// <param name="Message">One line for the operator.</param>
/// <param name="PeriodCode">The period whose official figures the action changed (to refresh its rankings), if any.</param>
public sealed record ReviewOutcome(long SubmissionId, bool Done, string Message, string? PeriodCode = null)
{
    /// <summary>The release an approved revision made, if any.</summary>
    public int? ReleaseNo { get; init; }

    /// <summary>True when official figures changed (rankings must be refreshed).</summary>
    public bool ChangedOfficialFigures { get; init; }
}

/// <summary>What publishing a period did.</summary>
public sealed record ReleaseOutcome(Period Period, bool Done, int ReleaseNo, int Submissions, int StillPending, string Message);

/// <summary>A release of a period.</summary>
public sealed record ReleaseInfo(long ReleaseId, string PeriodCode, int ReleaseNo, string Kind, DateTimeOffset PublishedAt, string PublishedBy, string? Note, int Submissions);

/// <summary>The publication state of a period.</summary>
public sealed record PeriodPublication(Period Period, ReleaseInfo? LatestRelease, int Pending, int PendingRevisions)
{
    /// <summary>True when the period has been published (发布).</summary>
    public bool IsPublished => LatestRelease is not null;

    /// <summary>One line: "published as release 2 on 2025-10-20 by wang" or "not yet published", and what waits.</summary>
    public string Describe(TimeSpan offset)
    {
        var state = LatestRelease is { } r
            ? $"published as release {r.ReleaseNo} on {r.PublishedAt.ToOffset(offset):yyyy-MM-dd HH:mm} by {r.PublishedBy}"
            : "not yet published";
        var waiting = Pending == 0 ? string.Empty
            : PendingRevisions > 0 ? $"; {Pending} return(s) pending review ({PendingRevisions} revision(s)), not counted"
            : $"; {Pending} return(s) pending review, not counted";
        return Display.SafeText.ForTerminal($"{Period.Code}: {state}{waiting}")!;
    }
}

/// <summary>One audit row.</summary>
public sealed record ReviewAction(long ActionId, string Action, string Outcome, long? SubmissionId, string? PeriodCode, int? ReleaseNo,
    string Actor, DateTimeOffset ActedAt, string? Note);
