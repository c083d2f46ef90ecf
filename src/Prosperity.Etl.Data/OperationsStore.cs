using Dapper;
using Prosperity.Etl.Operations;

namespace Prosperity.Etl.Data;

/// <summary>
/// The operations tables over Dapper. The lock is one row per name, taken by a single conditional
/// UPDATE (free, expired or already the caller's), so whichever engine runs it, two servers racing
/// for it get one winner: the row lock (or SQLite's writer lock) orders them.
/// </summary>
public class OperationsStore(IConnectionFactory connections, SqlDialect dialect, TimeProvider clock) : IOperationsStore
{
    private string Lock => dialect.Table("etl", "run_lock");
    private string Run => dialect.Table("etl", "inbox_run");
    private string File => dialect.Table("etl", "inbox_file");

    private const string RunColumns = """
        run_id AS RunId, trigger_kind AS TriggerKind, job_id AS JobId, server_name AS ServerName, status AS Status,
        started_at AS StartedAt, finished_at AS FinishedAt, files_seen AS FilesSeen, accepted_count AS Accepted,
        rejected_count AS Rejected, skipped_count AS Skipped, failed_count AS Failed, periods_refreshed AS PeriodsRefreshed,
        jobs_enqueued AS JobsEnqueued
        """;

    private const string FileColumns = """
        inbox_file_id AS InboxFileId, run_id AS RunId, relative_path AS RelativePath, file_sha256 AS Sha256, file_bytes AS Bytes,
        job_id AS JobId, outcome AS Outcome, submission_id AS SubmissionId, region_code AS RegionCode, period_code AS PeriodCode,
        moved_to AS MovedTo, enqueued_at AS EnqueuedAt, finished_at AS FinishedAt
        """;

    /// <inheritdoc />
    public async Task<bool> TryAcquireLockAsync(string lockName, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COUNT(*) FROM {Lock} WHERE lock_name = @lockName", new { lockName }, cancellationToken: cancellationToken));
        if (exists == 0)
        {
            try
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"INSERT INTO {Lock} (lock_name, owner, acquired_at, expires_at) VALUES (@lockName, @owner, @now, @expiresAt)",
                    new { lockName, owner, now, expiresAt }, cancellationToken: cancellationToken));
                return true;
            }
            catch (System.Data.Common.DbException)
            {
                // Another server created the row first; the UPDATE below decides between us.
            }
        }

        var taken = await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE {Lock} SET owner = @owner, acquired_at = @now, expires_at = @expiresAt
            WHERE lock_name = @lockName AND (owner = @owner OR owner = '' OR expires_at < @now)
            """, new { lockName, owner, now, expiresAt }, cancellationToken: cancellationToken));
        return taken == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RenewLockAsync(string lockName, string owner, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {Lock} SET expires_at = @expiresAt WHERE lock_name = @lockName AND owner = @owner",
            new { lockName, owner, expiresAt }, cancellationToken: cancellationToken)) == 1;
    }

    /// <inheritdoc />
    public async Task ReleaseLockAsync(string lockName, string owner, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {Lock} SET owner = '', expires_at = @now WHERE lock_name = @lockName AND owner = @owner",
            new { lockName, owner, now }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<(string Owner, DateTimeOffset ExpiresAt)> GetLockAsync(string lockName, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<LockRow>(new CommandDefinition(
            $"SELECT owner AS Owner, expires_at AS ExpiresAt FROM {Lock} WHERE lock_name = @lockName", new { lockName }, cancellationToken: cancellationToken));
        return row is null ? (string.Empty, DateTimeOffset.MinValue) : (row.Owner, row.ExpiresAt);
    }

    /// <inheritdoc />
    public async Task<long> StartRunAsync(string trigger, string? jobId, string serverName, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO {Run} (trigger_kind, job_id, server_name, status, started_at)
            {dialect.OutputId("run_id")}
            VALUES (@trigger, @jobId, @serverName, 'running', @now)
            """ + dialect.ReturningId("run_id"), new { trigger, jobId, serverName, now }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<InboxRunRecord?> FindRunningRunAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM {Run} WHERE job_id = @jobId AND status = 'running' ORDER BY run_id DESC", new { jobId }, cancellationToken: cancellationToken));
        return rows.FirstOrDefault()?.ToRecord();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<long>> AbandonOtherRunsAsync(long currentRunId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var candidates = (await connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT run_id FROM {Run} WHERE status = 'running' AND run_id <> @currentRunId", new { currentRunId }, tx, cancellationToken: cancellationToken))).ToList();
        // Each run is marked by its own conditional update, so a run is reported by the one call that
        // marked it: not by two callers racing, not when it finished in the meantime, and a run that
        // started after the select is left running (it holds the lock now, or will ask for it).
        var abandoned = new List<long>(candidates.Count);
        foreach (var runId in candidates)
        {
            if (await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {Run} SET status = 'abandoned', finished_at = @now WHERE run_id = @runId AND status = 'running'",
                    new { runId, now }, tx, cancellationToken: cancellationToken)) == 1)
            {
                abandoned.Add(runId);
            }
        }

        await tx.CommitAsync(cancellationToken);
        return abandoned;
    }

    /// <inheritdoc />
    public async Task MarkJobsEnqueuedAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {Run} SET jobs_enqueued = @Yes WHERE run_id = @runId", new { runId, Yes = true }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<long> AddFileAsync(long runId, string relativePath, string sha256, long bytes, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO {File} (run_id, relative_path, file_sha256, file_bytes, enqueued_at)
            {dialect.OutputId("inbox_file_id")}
            VALUES (@runId, @relativePath, @sha256, @bytes, @now)
            """ + dialect.ReturningId("inbox_file_id"), new { runId, relativePath, sha256, bytes, now }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task SetFileJobAsync(long inboxFileId, string jobId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {File} SET job_id = @jobId WHERE inbox_file_id = @inboxFileId", new { inboxFileId, jobId }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<InboxFileRecord?> GetFileAsync(long inboxFileId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<FileRow>(new CommandDefinition(
            $"SELECT {FileColumns} FROM {File} WHERE inbox_file_id = @inboxFileId", new { inboxFileId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc />
    public async Task CompleteFileAsync(long inboxFileId, InboxOutcome outcome, long? submissionId, string? regionCode, string? periodCode, string? movedTo,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE {File} SET outcome = @Outcome, submission_id = @submissionId, region_code = @regionCode, period_code = @periodCode,
                moved_to = @movedTo, finished_at = @now
            WHERE inbox_file_id = @inboxFileId
            """, new { inboxFileId, Outcome = OutcomeText(outcome), submissionId, regionCode, periodCode, movedTo, now }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task StartAttemptAsync(long inboxFileId, string unfinished, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {File} SET attempts = attempts + 1, last_failure = @failure WHERE inbox_file_id = @inboxFileId",
            new { inboxFileId, failure = Cut(unfinished) }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task EndAttemptAsync(long inboxFileId, string? failure, bool giveBack, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {File} SET attempts = CASE WHEN @giveBack = 1 AND attempts > 0 THEN attempts - 1 ELSE attempts END, last_failure = @failure WHERE inbox_file_id = @inboxFileId",
            new { inboxFileId, failure = Cut(failure), giveBack = giveBack ? 1 : 0 }, cancellationToken: cancellationToken));
    }

    // The hashes are compared as char(64), the column's type on PostgreSQL and SQL Server, so that
    // ix_inbox_file_sha256 is used (bound as text, the column was converted and every row read).

    /// <inheritdoc />
    public async Task<FileFailures> GetFailuresAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<FailureRow>(new CommandDefinition($"""
            SELECT attempts AS Attempts, last_failure AS LastFailure FROM {File}
            WHERE file_sha256 = CAST(@sha256 AS char(64)) AND attempts > 0 AND (outcome IS NULL OR outcome = 'failed')
            ORDER BY inbox_file_id
            """, new { sha256 }, cancellationToken: cancellationToken))).ToList();
        return new FileFailures(rows.Sum(r => r.Attempts), rows.LastOrDefault(r => r.LastFailure is not null)?.LastFailure);
    }

    private static string? Cut(string? text) => text is { Length: > 2000 } ? text[..2000] : text;

    /// <inheritdoc />
    public async Task<IReadOnlyList<InboxFileRecord>> GetRunFilesAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FileRow>(new CommandDefinition(
            $"SELECT {FileColumns} FROM {File} WHERE run_id = @runId ORDER BY inbox_file_id", new { runId }, cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    /// <inheritdoc />
    public async Task FinishRunAsync(long runId, InboxRunSummary summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var now = clock.GetUtcNow();
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE {Run} SET status = 'finished', finished_at = @now, files_seen = @FilesSeen, accepted_count = @Accepted,
                rejected_count = @Rejected, skipped_count = @Skipped, failed_count = @Failed, periods_refreshed = @Periods
            WHERE run_id = @runId AND status <> 'abandoned'
            """, new
        {
            runId, now, summary.FilesSeen, summary.Accepted, summary.Rejected, summary.Skipped, summary.Failed,
            Periods = summary.PeriodsRefreshed.Count == 0 ? null : string.Join(',', summary.PeriodsRefreshed),
        }, cancellationToken: cancellationToken));
    }

    /// <inheritdoc />
    public async Task<InboxRunRecord?> GetRunAsync(long runId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RunRow>(new CommandDefinition(
            $"SELECT {RunColumns} FROM {Run} WHERE run_id = @runId", new { runId }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<InboxRunRecord>> GetRecentRunsAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        // Streamed: reading stops after the newest <count> rows instead of loading every run ever made.
        var runs = new List<InboxRunRecord>(count);
        await foreach (var row in connection.QueryUnbufferedAsync<RunRow>($"SELECT {RunColumns} FROM {Run} ORDER BY run_id DESC").WithCancellation(cancellationToken))
        {
            if (runs.Count == count)
            {
                break;
            }

            runs.Add(row.ToRecord());
        }

        return runs;
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> FirstSeenAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var times = await connection.QueryAsync<DateTimeOffset>(new CommandDefinition(
            $"SELECT enqueued_at FROM {File} WHERE file_sha256 = @sha256", new { sha256 }, cancellationToken: cancellationToken));
        return times.Select(t => (DateTimeOffset?)t).Min();
    }

    /// <inheritdoc />
    public async Task<string?> FindMovedFileAsync(string sha256, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var paths = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT moved_to FROM {File} WHERE file_sha256 = CAST(@sha256 AS char(64)) AND moved_to IS NOT NULL ORDER BY inbox_file_id DESC",
            new { sha256 }, cancellationToken: cancellationToken));
        return paths.FirstOrDefault(System.IO.File.Exists);
    }

    /// <inheritdoc />
    public async Task<(string Sha256, string FilePath)?> GetSubmissionFileAsync(long submissionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SubmissionFileRow>(new CommandDefinition(
            $"SELECT file_sha256 AS Sha256, file_path AS FilePath FROM {dialect.Submission} WHERE submission_id = @submissionId",
            new { submissionId }, cancellationToken: cancellationToken));
        return row is null ? null : (row.Sha256.Trim(), row.FilePath);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetLoadedPeriodsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var codes = await connection.QueryAsync<string>(new CommandDefinition(
            $"SELECT DISTINCT period_code FROM {dialect.Submission} WHERE status = 'accepted' AND period_code IS NOT NULL",
            cancellationToken: cancellationToken));
        return codes.Order(StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        // Opening throws when the warehouse cannot be reached; a warehouse that answers but has no
        // operations tables (not migrated) is a false, not an exception.
        await using var connection = await connections.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteScalarAsync<long>(new CommandDefinition($"SELECT COUNT(*) FROM {Lock} WHERE 1 = 0", cancellationToken: cancellationToken));
            return true;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    /// <summary>The outcome as stored in <c>etl.inbox_file.outcome</c>.</summary>
    public static string OutcomeText(InboxOutcome outcome) => outcome switch
    {
        InboxOutcome.Accepted => "accepted",
        InboxOutcome.AcceptedWithWarnings => "accepted_with_warnings",
        InboxOutcome.AlreadyLoaded => "already_loaded",
        InboxOutcome.Rejected => "rejected",
        InboxOutcome.Missing => "missing",
        InboxOutcome.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    private static InboxOutcome? ParseOutcome(string? text) => text switch
    {
        null => null,
        "accepted" => InboxOutcome.Accepted,
        "accepted_with_warnings" => InboxOutcome.AcceptedWithWarnings,
        "already_loaded" => InboxOutcome.AlreadyLoaded,
        "rejected" => InboxOutcome.Rejected,
        "missing" => InboxOutcome.Missing,
        _ => InboxOutcome.Failed,
    };

    private sealed class FailureRow
    {
        public int Attempts { get; set; }

        public string? LastFailure { get; set; }
    }

    private sealed class LockRow
    {
        public string Owner { get; set; } = string.Empty;

        public DateTimeOffset ExpiresAt { get; set; }
    }

    private sealed class SubmissionFileRow
    {
        public string Sha256 { get; set; } = string.Empty;

        public string FilePath { get; set; } = string.Empty;
    }

    private sealed class RunRow
    {
        public long RunId { get; set; }

        public string TriggerKind { get; set; } = string.Empty;

        public string? JobId { get; set; }

        public string ServerName { get; set; } = string.Empty;

        public string Status { get; set; } = string.Empty;

        public DateTimeOffset StartedAt { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        public int FilesSeen { get; set; }

        public int Accepted { get; set; }

        public int Rejected { get; set; }

        public int Skipped { get; set; }

        public int Failed { get; set; }

        public string? PeriodsRefreshed { get; set; }

        public bool JobsEnqueued { get; set; }

        public InboxRunRecord ToRecord() => new(RunId, TriggerKind, JobId, ServerName, Status, StartedAt, FinishedAt, FilesSeen, Accepted, Rejected,
            Skipped, Failed, PeriodsRefreshed) { JobsEnqueued = JobsEnqueued };
    }

    private sealed class FileRow
    {
        public long InboxFileId { get; set; }

        public long RunId { get; set; }

        public string RelativePath { get; set; } = string.Empty;

        public string Sha256 { get; set; } = string.Empty;

        public long Bytes { get; set; }

        public string? JobId { get; set; }

        public string? Outcome { get; set; }

        public long? SubmissionId { get; set; }

        public string? RegionCode { get; set; }

        public string? PeriodCode { get; set; }

        public string? MovedTo { get; set; }

        public DateTimeOffset EnqueuedAt { get; set; }

        public DateTimeOffset? FinishedAt { get; set; }

        public InboxFileRecord ToRecord() => new(InboxFileId, RunId, RelativePath, Sha256.Trim(), Bytes, JobId, ParseOutcome(Outcome), SubmissionId,
            RegionCode, PeriodCode, MovedTo, EnqueuedAt, FinishedAt);
    }
}
