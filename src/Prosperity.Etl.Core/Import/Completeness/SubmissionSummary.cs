using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Import.Completeness;

/// <summary>
/// What the warehouse holds for one region and quarter: the current accepted return, how many
/// versions it replaced, how many attempts were rejected, and the latest attempt. Only regions and
/// quarters with at least one attempt have a summary; province bulletin figures are not attempts.
/// </summary>
public sealed record SubmissionSummary
{
    /// <summary>The region code (from the region dimension, or as written on a rejected workbook's cover when it names a known code).</summary>
    public required string RegionCode { get; init; }

    /// <summary>The quarter.</summary>
    public required Period Period { get; init; }

    /// <summary>The current accepted submission, if any.</summary>
    public long? AcceptedSubmissionId { get; init; }

    /// <summary>When the current accepted submission's file was received.</summary>
    public DateTimeOffset? AcceptedReceivedAt { get; init; }

    /// <summary>Warnings of the current accepted submission (0 when there is none).</summary>
    public int AcceptedWarningCount { get; init; }

    /// <summary>Earlier accepted versions replaced by a later one.</summary>
    public int SupersededCount { get; init; }

    /// <summary>Rejected attempts.</summary>
    public int RejectedCount { get; init; }

    /// <summary>The most recent attempt (by the order the warehouse recorded them).</summary>
    public required long LatestSubmissionId { get; init; }

    /// <summary>When the most recent attempt's file was received.</summary>
    public required DateTimeOffset LatestReceivedAt { get; init; }

    /// <summary>The most recent attempt's status: accepted, superseded or rejected.</summary>
    public required string LatestStatus { get; init; }

    /// <summary>The most recent rejected attempt, if any.</summary>
    public long? LatestRejectedSubmissionId { get; init; }

    /// <summary>Errors of the most recent rejected attempt (0 when there is none).</summary>
    public int LatestRejectedErrorCount { get; init; }

    /// <summary>Warnings of the most recent rejected attempt (0 when there is none).</summary>
    public int LatestRejectedWarningCount { get; init; }

    /// <summary>The return waiting for review, if any.</summary>
    public long? PendingSubmissionId { get; init; }

    /// <summary>Warnings of the return waiting for review.</summary>
    public int PendingWarningCount { get; init; }

    /// <summary>The latest return the reviewer returned (退回), if any.</summary>
    public long? ReturnedSubmissionId { get; init; }

    /// <summary>When the first return that passed validation arrived (null: none did).</summary>
    public DateTimeOffset? FirstValidReceivedAt { get; init; }

    /// <summary>Days after the due date the first return that passed validation arrived (0: on time; null: none did).</summary>
    public int? FirstValidDaysLate { get; init; }
}
