namespace Prosperity.Etl.Operations;

/// <summary>One inbox run and its summary.</summary>
public sealed record InboxRunRecord(
    long RunId,
    string Trigger,
    string? JobId,
    string ServerName,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int FilesSeen,
    int Accepted,
    int Rejected,
    int Skipped,
    int Failed,
    string? PeriodsRefreshed)
{
    /// <summary>True once the run's import jobs and its finishing continuation are all enqueued.</summary>
    public bool JobsEnqueued { get; init; }
}
