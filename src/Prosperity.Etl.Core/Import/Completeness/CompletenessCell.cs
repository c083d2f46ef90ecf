using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Import.Completeness;

/// <summary>One region in one quarter: its state and what lies behind it.</summary>
public sealed record CompletenessCell(Period Period, CompletenessState State)
{
    /// <summary>True when the region existed in the quarter and so was expected to report.</summary>
    public bool Expected { get; init; } = true;

    /// <summary>The current accepted submission, if any.</summary>
    public long? SubmissionId { get; init; }

    /// <summary>When the current accepted submission was received; for a cell without one, when the latest attempt was.</summary>
    public DateTimeOffset? ReceivedAt { get; init; }

    /// <summary>Warnings of the current accepted submission; of the latest rejected attempt for a rejected cell.</summary>
    public int WarningCount { get; init; }

    /// <summary>Errors of the latest rejected attempt (0 when nothing was rejected).</summary>
    public int ErrorCount { get; init; }

    /// <summary>Earlier versions replaced by the current one.</summary>
    public int SupersededCount { get; init; }

    /// <summary>Rejected attempts, before or after the current version.</summary>
    public int RejectedCount { get; init; }

    /// <summary>The latest rejected attempt, for its issues (<c>prosperity issues</c>).</summary>
    public long? LatestRejectedSubmissionId { get; init; }

    /// <summary>When the latest attempt of any outcome was received.</summary>
    public DateTimeOffset? LatestAttemptAt { get; init; }

    /// <summary>The latest attempt's status (accepted, superseded, rejected); null without attempts.</summary>
    public string? LatestAttemptStatus { get; init; }

    /// <summary>The state's mark followed by <see cref="CompletenessMarks.Superseded"/> when earlier versions were superseded.</summary>
    public string Mark => CompletenessMarks.Mark(State) + (SupersededCount > 0 ? CompletenessMarks.Superseded : string.Empty)
        + (HasPendingRevision ? CompletenessMarks.RevisionPending : string.Empty);

    /// <summary>The return waiting for review (the cell's own for <see cref="CompletenessState.Pending"/>, else a newer one behind the current version).</summary>
    public long? PendingSubmissionId { get; init; }

    /// <summary>True when the cell has a current version and a newer return waits for review behind it.</summary>
    public bool HasPendingRevision => SubmissionId is not null && PendingSubmissionId is not null;

    /// <summary>Days after the due date the first return that passed validation arrived (0: on time; null: none yet).</summary>
    public int? DaysLate { get; init; }

    /// <summary>True when a return that passed validation arrived by the due date.</summary>
    public bool OnTime => DaysLate == 0;
}

