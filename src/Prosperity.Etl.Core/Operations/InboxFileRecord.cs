namespace Prosperity.Etl.Operations;

/// <summary>A file a run picked up and, once its job has run, its outcome.</summary>
public sealed record InboxFileRecord(
    long InboxFileId,
    long RunId,
    string RelativePath,
    string Sha256,
    long Bytes,
    string? JobId,
    InboxOutcome? Outcome,
    long? SubmissionId,
    string? RegionCode,
    string? PeriodCode,
    string? MovedTo,
    DateTimeOffset EnqueuedAt,
    DateTimeOffset? FinishedAt);
