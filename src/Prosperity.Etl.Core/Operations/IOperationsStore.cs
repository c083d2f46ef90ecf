namespace Prosperity.Etl.Operations;

/// <summary>
/// The operations tables of the warehouse: the run lock (a lease in the database, so two servers,
/// or a run and its retry, never work on the inbox at once) and the ledger of runs and files.
/// </summary>
public interface IOperationsStore
{
    /// <summary>Takes the lock for <paramref name="owner"/> until <paramref name="expiresAt"/> when it is free, expired or already theirs.</summary>
    Task<bool> TryAcquireLockAsync(string lockName, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Extends the lease of a lock the owner holds; false when it is no longer theirs.</summary>
    Task<bool> RenewLockAsync(string lockName, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Frees the lock if <paramref name="owner"/> holds it.</summary>
    Task ReleaseLockAsync(string lockName, string owner, CancellationToken cancellationToken = default);

    /// <summary>Who holds the lock and until when (an empty owner: nobody).</summary>
    Task<(string Owner, DateTimeOffset ExpiresAt)> GetLockAsync(string lockName, CancellationToken cancellationToken = default);

    /// <summary>Starts a run; returns its id.</summary>
    Task<long> StartRunAsync(string trigger, string? jobId, string serverName, CancellationToken cancellationToken = default);

    /// <summary>The unfinished run started by the Hangfire job <paramref name="jobId"/> (a job that runs again after a crash finds its run).</summary>
    Task<InboxRunRecord?> FindRunningRunAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Marks every unfinished run except <paramref name="currentRunId"/> abandoned (their lock was taken over); returns their ids.</summary>
    Task<IReadOnlyList<long>> AbandonOtherRunsAsync(long currentRunId, CancellationToken cancellationToken = default);

    /// <summary>Notes that every import job of the run and its finishing continuation are enqueued.</summary>
    Task MarkJobsEnqueuedAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>Records a file the run will import; returns the ledger row's id.</summary>
    Task<long> AddFileAsync(long runId, string relativePath, string sha256, long bytes, CancellationToken cancellationToken = default);

    /// <summary>Notes the job that imports a ledger row.</summary>
    Task SetFileJobAsync(long inboxFileId, string jobId, CancellationToken cancellationToken = default);

    /// <summary>One ledger row.</summary>
    Task<InboxFileRecord?> GetFileAsync(long inboxFileId, CancellationToken cancellationToken = default);

    /// <summary>Writes a file's outcome.</summary>
    Task CompleteFileAsync(long inboxFileId, InboxOutcome outcome, long? submissionId, string? regionCode, string? periodCode, string? movedTo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Notes that an import of a ledger row starts: its attempts go up by one, and until the attempt
    /// ends its failure reads <paramref name="unfinished"/> (what a crash leaves behind).
    /// </summary>
    Task StartAttemptAsync(long inboxFileId, string unfinished, CancellationToken cancellationToken = default);

    /// <summary>
    /// Notes how an attempt ended: <paramref name="failure"/> is why it failed (null: it did not fail);
    /// <paramref name="giveBack"/> takes the attempt back (a transient fault is not the file's fault).
    /// </summary>
    Task EndAttemptAsync(long inboxFileId, string? failure, bool giveBack, CancellationToken cancellationToken = default);

    /// <summary>The failed and unfinished import attempts of every ledger row of a file (by SHA-256) that has no other outcome.</summary>
    Task<FileFailures> GetFailuresAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>The files of a run.</summary>
    Task<IReadOnlyList<InboxFileRecord>> GetRunFilesAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>Writes a run's summary and marks it finished (again: the last call wins).</summary>
    Task FinishRunAsync(long runId, InboxRunSummary summary, CancellationToken cancellationToken = default);

    /// <summary>One run.</summary>
    Task<InboxRunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken = default);

    /// <summary>The most recent runs, newest first.</summary>
    Task<IReadOnlyList<InboxRunRecord>> GetRecentRunsAsync(int count, CancellationToken cancellationToken = default);

    /// <summary>When an inbox scan first saw a file with this SHA-256 (the time it arrived), if one did.</summary>
    Task<DateTimeOffset?> FirstSeenAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>Where the stored copy of a file with this SHA-256 is now (the archive or the rejected folder), if a run moved it.</summary>
    Task<string?> FindMovedFileAsync(string sha256, CancellationToken cancellationToken = default);

    /// <summary>The SHA-256 and original path of a submission, for a re-import.</summary>
    Task<(string Sha256, string FilePath)?> GetSubmissionFileAsync(long submissionId, CancellationToken cancellationToken = default);

    /// <summary>The periods that have an accepted submission, oldest first.</summary>
    Task<IReadOnlyList<string>> GetLoadedPeriodsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// True when the warehouse answers and its operations tables can be read; false when it answers
    /// but they cannot (not migrated yet). Throws when the warehouse cannot be reached.
    /// </summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
