using System.ComponentModel;
using System.Linq.Expressions;
using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Operations;

/// <summary>
/// The inbox's Hangfire jobs. A nightly run takes the run lock in the warehouse, lists the inbox
/// and enqueues one import job per file, chained one after another, and a last continuation that
/// recomputes the rankings of the periods the run touched, writes the run's summary and frees the
/// lock. Every job can run twice or be retried without loading a file twice or losing one: a file
/// leaves the inbox only after its outcome is committed, and the same bytes are never loaded twice.
/// </summary>
[AutomaticRetry(Attempts = 0)]
[TransientRetry]
public sealed class InboxJobs(
    InboxScanner scanner,
    InboxFolders folders,
    IOperationsStore store,
    Func<SubmissionImporter> importers,
    ImportAndRefresh intake,
    RankingMaterialiser rankings,
    IBackgroundJobClient jobs,
    JobOptions options,
    TimeProvider clock,
    ILogger<InboxJobs> logger)
{
    /// <summary>The recurring nightly import's id (and the name of its lock).</summary>
    public const string NightlyImportId = "nightly-import";

    /// <summary>The on-demand rankings refresh's id.</summary>
    public const string RankingsRefreshId = "rankings-refresh";

    private TimeSpan LockLease => TimeSpan.FromMinutes(options.RunLockMinutes);

    /// <summary>The trigger of the nightly import a server schedules at start while a run is unfinished.</summary>
    public const string ResumeTrigger = "resume-after-restart";

    /// <summary>Scans the inbox and enqueues the run's import jobs; does nothing while another run holds the lock.</summary>
    [DisplayName("Nightly import (trigger: {0})")]
    public async Task<string> NightlyImportAsync(string trigger, PerformContext? context, CancellationToken cancellationToken)
    {
        var jobId = context?.BackgroundJob.Id;
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["JobId"] = jobId });

        // The owner is the job's id, so a retry of this same job (after a crash) takes its own lock back.
        var owner = jobId is null ? $"direct:{Guid.NewGuid():N}" : $"job:{jobId}";
        if (!await store.TryAcquireLockAsync(NightlyImportId, owner, clock.GetUtcNow() + LockLease, cancellationToken))
        {
            var (holder, expires) = await store.GetLockAsync(NightlyImportId, cancellationToken);
            logger.LogWarning("Nightly import not started: another run ({Owner}) holds the lock until {ExpiresAt:u}", holder, expires);
            if (trigger == ResumeTrigger && (await store.GetRecentRunsAsync(20, cancellationToken)).Any(r => r.Status == "running"))
            {
                // A take-over after a restart met a lease still held (the dead run's resumed job renewed
                // it, and its chain may not go on): it tries again once that lease has lapsed, for as
                // long as a run is unfinished, so recovery never waits for the next night.
                var delay = expires - clock.GetUtcNow() + TimeSpan.FromSeconds(5);
                Expression<Func<InboxJobs, Task>> again = j => j.NightlyImportAsync(ResumeTrigger, null, CancellationToken.None);
                var retry = jobs.Schedule(again, delay < TimeSpan.FromSeconds(5) ? TimeSpan.FromSeconds(5) : delay);
                logger.LogWarning("Nightly run take-over scheduled again in {Delay} (job {JobId}): the lock is still held", delay, retry);
            }

            return $"Not started: another run ({holder}) holds the lock until {expires:u}.";
        }

        try
        {
            // The same job running again (its server died, or the storage handed it out twice) finds
            // its own run and only completes what the first execution had not enqueued.
            var run = jobId is null ? null : await store.FindRunningRunAsync(jobId, cancellationToken);
            if (run is { JobsEnqueued: true })
            {
                logger.LogInformation("Nightly run {RunId} was already set going by an earlier execution of job {JobId}; nothing to do", run.RunId, jobId);
                return $"Run {run.RunId}: its jobs were enqueued by an earlier execution of this job.";
            }

            var runId = run?.RunId ?? await store.StartRunAsync(trigger, jobId, context?.ServerId ?? Environment.MachineName, cancellationToken);
            using var runScope = logger.BeginScope(new Dictionary<string, object> { ["RunId"] = runId });

            // Holding the lock means any other unfinished run lost it (its host died and its chain did
            // not resume before the lease lapsed): this run takes over what is left in the inbox.
            foreach (var abandoned in await store.AbandonOtherRunsAsync(runId, cancellationToken))
            {
                logger.LogWarning("Nightly run {AbandonedRunId} lost the lock before it finished; run {RunId} takes over the files left in the inbox", abandoned, runId);
            }

            var known = run is null ? [] : await store.GetRunFilesAsync(runId, cancellationToken);
            var previous = known.LastOrDefault(f => f.JobId is not null)?.JobId;
            var pending = known.Where(f => f.JobId is null).Select(f => (f.InboxFileId, f.RelativePath)).ToList();
            var files = scanner.Scan().Where(f => !known.Any(k => string.Equals(k.RelativePath, f.RelativePath, StringComparison.Ordinal))).ToList();
            logger.LogInformation("Nightly run {RunId} started ({Trigger}): {FileCount} files in the inbox", runId, trigger, files.Count + pending.Count);
            foreach (var file in files)
            {
                string sha256;
                try
                {
                    sha256 = await FileHash.Sha256Async(file.FullPath, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Still being written, locked by another program, or gone: the next run takes it.
                    logger.LogWarning("{File} cannot be read now ({Reason}); left in the inbox for the next run", file.RelativePath, ex.Message);
                    continue;
                }

                pending.Add((await store.AddFileAsync(runId, file.RelativePath, sha256, file.Length, cancellationToken), file.RelativePath));
            }

            foreach (var (inboxFileId, relativePath) in pending)
            {
                // Chained, not parallel: one writer at a time suits every engine (SQLite above all), and
                // OnAnyFinishedState lets the chain go on past a file whose job was given up.
                Expression<Func<InboxJobs, Task>> import = j => j.ImportFileAsync(runId, inboxFileId, relativePath, owner, null, CancellationToken.None);
                var importJob = previous is null
                    ? jobs.Enqueue(import)
                    : jobs.ContinueJobWith(previous, import, new EnqueuedState(), JobContinuationOptions.OnAnyFinishedState);
                await store.SetFileJobAsync(inboxFileId, importJob, cancellationToken);
                previous = importJob;
            }

            if (previous is null)
            {
                await store.MarkJobsEnqueuedAsync(runId, cancellationToken);
                await FinishRunAsync(runId, owner, context, cancellationToken);
                return $"Run {runId}: the inbox is empty.";
            }

            Expression<Func<InboxJobs, Task>> finish = j => j.FinishRunAsync(runId, owner, null, CancellationToken.None);
            jobs.ContinueJobWith(previous, finish, new EnqueuedState(), JobContinuationOptions.OnAnyFinishedState);
            await store.MarkJobsEnqueuedAsync(runId, cancellationToken);
            return $"Run {runId}: {pending.Count} import jobs enqueued.";
        }
        catch
        {
            await store.ReleaseLockAsync(NightlyImportId, owner, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Imports one inbox file and moves it to the archive or the rejected folder.</summary>
    [DisplayName("Import {2}")]
    public async Task<string> ImportFileAsync(long runId, long inboxFileId, string relativePath, string lockOwner, PerformContext? context,
        CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["JobId"] = context?.BackgroundJob.Id, ["RunId"] = runId, ["File"] = relativePath });
        if (!await store.RenewLockAsync(NightlyImportId, lockOwner, clock.GetUtcNow() + LockLease, cancellationToken))
        {
            // A later run took the lock over (this run's lease had lapsed): the file is that run's now.
            logger.LogWarning("Run {RunId} no longer holds the run lock; {File} is left to the run that does", runId, relativePath);
            return $"{relativePath}: left to the run that holds the lock now.";
        }

        var record = await store.GetFileAsync(inboxFileId, cancellationToken)
                     ?? throw new InvalidOperationException($"Inbox file {inboxFileId} of run {runId} is not in the ledger.");
        if (record.Outcome is { } done && done != InboxOutcome.Failed)
        {
            return $"{relativePath}: already handled ({done}).";
        }

        var path = folders.InboxPath(record.RelativePath);
        if (!File.Exists(path))
        {
            // Another run, or this job before a crash, moved it: say where it is now.
            var movedTo = await store.FindMovedFileAsync(record.Sha256, cancellationToken);
            await store.CompleteFileAsync(inboxFileId, InboxOutcome.Missing, null, null, null, movedTo, cancellationToken);
            logger.LogInformation("{File} is no longer in the inbox (now {MovedTo}); nothing to do", relativePath, movedTo ?? "unknown");
            return $"{relativePath}: no longer in the inbox.";
        }

        // The poison-file rule: a file whose import failed (or stopped the process, or ran out of
        // time) twice is set aside with a rejected attempt, so no file is handed out for ever.
        var failures = await store.GetFailuresAsync(record.Sha256, cancellationToken);
        if (failures.Failures >= Math.Max(1, options.PoisonAttempts))
        {
            return await SetAsideAsync(inboxFileId, record, path, failures, cancellationToken);
        }

        await store.StartAttemptAsync(inboxFileId, UnfinishedAttempt, cancellationToken);
        ImportOutcome outcome;
        var timeout = TimeSpan.FromSeconds(Math.Max(1, options.FileTimeoutSeconds));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var import = importers().ImportAsync(path, attempt.Token);
        try
        {
            outcome = await import.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException) when (!import.IsCompleted)
        {
            // The import's own time-outs (a database that does not answer) are transient; this one is the file's.
            await attempt.CancelAsync();
            var failure = $"the import took longer than {timeout.TotalSeconds:0} s (Jobs:FileTimeoutSeconds)";
            return await FailAsync(inboxFileId, record, path, failure, null, cancellationToken);
        }
        catch (Exception ex) when (TransientRetryAttribute.IsTransient(ex))
        {
            // Not the file's fault: the attempt is given back, and the job is retried.
            await store.EndAttemptAsync(inboxFileId, null, giveBack: true, CancellationToken.None);
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The server is stopping: not the file's fault either.
            await store.EndAttemptAsync(inboxFileId, null, giveBack: true, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            return await FailAsync(inboxFileId, record, path, $"{ex.GetType().Name}: {ex.Message}", ex, cancellationToken);
        }

        await store.EndAttemptAsync(inboxFileId, null, giveBack: false, CancellationToken.None);
        var result = outcome.Status switch
        {
            ImportStatus.Accepted => InboxOutcome.Accepted,
            ImportStatus.AcceptedWithWarnings => InboxOutcome.AcceptedWithWarnings,
            // Taken into the warehouse, waiting for review: the file's intake succeeded.
            ImportStatus.Pending => outcome.Issues.Count > 0 ? InboxOutcome.AcceptedWithWarnings : InboxOutcome.Accepted,
            ImportStatus.AlreadyLoaded or ImportStatus.NoChange => InboxOutcome.AlreadyLoaded,
            _ => InboxOutcome.Rejected,
        };
        var moved = await folders.MoveAsync(record.RelativePath, record.Sha256, rejected: result == InboxOutcome.Rejected, CancellationToken.None);
        await store.CompleteFileAsync(inboxFileId, result, outcome.SubmissionId, outcome.RegionCode, outcome.PeriodCode, moved, CancellationToken.None);
        using var submissionScope = logger.BeginScope(new Dictionary<string, object?>
        {
            ["SubmissionId"] = outcome.SubmissionId, ["Region"] = outcome.RegionCode, ["Period"] = outcome.PeriodCode,
        });
        logger.LogInformation("{File}: {Outcome}, moved to {MovedTo}", relativePath, result, moved);
        return $"{relativePath}: {result} (submission {outcome.SubmissionId}), moved to {moved}.";
    }

    /// <summary>What an attempt that never ended leaves as its failure.</summary>
    public const string UnfinishedAttempt = "the import did not finish (the server stopped during it, or its job was handed out again)";

    // A failed attempt: recorded; the second one sets the file aside, an earlier one fails the job (no retry) and leaves the file in the inbox.
    private async Task<string> FailAsync(long inboxFileId, InboxFileRecord record, string path, string failure, Exception? exception, CancellationToken cancellationToken)
    {
        await store.EndAttemptAsync(inboxFileId, failure, giveBack: false, CancellationToken.None);
        var failures = await store.GetFailuresAsync(record.Sha256, CancellationToken.None);
        if (failures.Failures >= Math.Max(1, options.PoisonAttempts))
        {
            logger.LogError(exception, "Importing {File} failed ({Failure}); {Attempts} failed attempts", record.RelativePath, failure, failures.Failures);
            return await SetAsideAsync(inboxFileId, record, path, failures, cancellationToken);
        }

        logger.LogError(exception, "Importing {File} failed ({Failure}); the file stays in the inbox, and is set aside if it fails again", record.RelativePath, failure);
        await store.CompleteFileAsync(inboxFileId, InboxOutcome.Failed, null, null, null, null, CancellationToken.None);
        var message = $"Importing {record.RelativePath} failed: {failure}.";
        throw exception is null ? new InboxImportFailedException(message) : new InboxImportFailedException(message, exception);
    }

    // Records a rejected attempt with the failure as its issue and moves the file (without reading it) to the rejected folder.
    private async Task<string> SetAsideAsync(long inboxFileId, InboxFileRecord record, string path, FileFailures failures, CancellationToken cancellationToken)
    {
        var reason = failures.LastFailure ?? UnfinishedAttempt;
        var issue = Rules.ImportFailedTwice.ForFile(path,
            $"该文件已导入{failures.Failures}次均失败（{reason}），已移至rejected文件夹，服务器继续处理其他文件。请用Excel重新保存后再报送，或联系管理员。",
            $"Importing this file failed {failures.Failures} times ({reason}); it was set aside in the rejected folder and is not imported again. Save it again from Excel and send it again, or ask the operators.",
            found: reason);
        var outcome = await importers().RecordUnreadableAsync(path, issue, cancellationToken);
        var moved = await folders.MoveAsync(record.RelativePath, record.Sha256, rejected: true, CancellationToken.None);
        await store.CompleteFileAsync(inboxFileId, InboxOutcome.Rejected, outcome.SubmissionId, null, null, moved, CancellationToken.None);
        logger.LogWarning("{File} failed {Attempts} times ({Failure}); set aside as rejected submission {SubmissionId}, moved to {MovedTo}",
            record.RelativePath, failures.Failures, reason, outcome.SubmissionId, moved);
        return $"{record.RelativePath}: set aside after {failures.Failures} failed imports (submission {outcome.SubmissionId}), moved to {moved}.";
    }

    /// <summary>Recomputes the rankings of the periods the run touched, writes its summary and frees the lock.</summary>
    [DisplayName("Finish nightly run {0}")]
    public async Task<string> FinishRunAsync(long runId, string lockOwner, PerformContext? context, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["JobId"] = context?.BackgroundJob.Id, ["RunId"] = runId });
        var run = await store.GetRunAsync(runId, cancellationToken) ?? throw new InvalidOperationException($"Run {runId} is not in the ledger.");
        var files = await store.GetRunFilesAsync(runId, cancellationToken);
        var loaded = files.Where(f => f.Outcome is InboxOutcome.Accepted or InboxOutcome.AcceptedWithWarnings).ToList();
        var (periods, _) = await intake.RefreshTouchedAsync(loaded.Select(f => f.PeriodCode), cancellationToken);

        var summary = new InboxRunSummary(
            files.Count,
            loaded.Count,
            files.Count(f => f.Outcome == InboxOutcome.Rejected),
            files.Count(f => f.Outcome is InboxOutcome.AlreadyLoaded or InboxOutcome.Missing),
            files.Count(f => f.Outcome is null or InboxOutcome.Failed),
            periods.Select(p => p.Code).ToList());
        await store.FinishRunAsync(runId, summary, cancellationToken);
        var seconds = (clock.GetUtcNow() - run.StartedAt).TotalSeconds;
        logger.LogInformation(
            "Nightly run {RunId} finished: {FilesSeen} files seen, {Accepted} accepted, {Rejected} rejected, {Skipped} skipped, {Failed} failed in {DurationSeconds:0.0} s; rankings recomputed for {Periods}",
            runId, summary.FilesSeen, summary.Accepted, summary.Rejected, summary.Skipped, summary.Failed, seconds,
            summary.PeriodsRefreshed.Count == 0 ? "no period" : string.Join(", ", summary.PeriodsRefreshed));
        await store.ReleaseLockAsync(NightlyImportId, lockOwner, CancellationToken.None);
        return $"Run {runId}: {summary.FilesSeen} seen, {summary.Accepted} accepted, {summary.Rejected} rejected, {summary.Skipped} skipped, {summary.Failed} failed.";
    }

    /// <summary>Recomputes the rankings of one period, or of every period with accepted data when none is given.</summary>
    [DisplayName("Recompute rankings {0}")]
    public async Task<string> RefreshRankingsAsync(string? periodCode, PerformContext? context, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["JobId"] = context?.BackgroundJob.Id, ["Period"] = periodCode });
        var periods = periodCode is null
            ? (await store.GetLoadedPeriodsAsync(cancellationToken)).Select(Period.Parse).ToList()
            : [Period.Parse(periodCode)];
        var rows = 0;
        foreach (var period in periods)
        {
            rows += (await rankings.RefreshAsync(period, cancellationToken)).Rows;
        }

        logger.LogInformation("Rankings recomputed for {PeriodCount} periods: {Rows} ranking rows", periods.Count, rows);
        return $"{periods.Count} periods, {rows} ranking rows.";
    }

    /// <summary>Imports the stored file of a submission again (after a catalogue or rule change) and recomputes its period's rankings.</summary>
    [DisplayName("Re-import submission {0}")]
    public async Task<string> ReimportSubmissionAsync(long submissionId, PerformContext? context, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["JobId"] = context?.BackgroundJob.Id, ["SubmissionId"] = submissionId });
        var stored = await store.GetSubmissionFileAsync(submissionId, cancellationToken)
                     ?? throw new InvalidOperationException($"There is no submission {submissionId}.");
        var path = await store.FindMovedFileAsync(stored.Sha256, cancellationToken) ?? stored.FilePath;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The file of submission {submissionId} is neither in the archive nor the rejected folder nor at {stored.FilePath}.", path);
        }

        var outcome = (await intake.ImportAsync([path], cancellationToken: cancellationToken)).Outcomes[0];
        if (outcome.Status == ImportStatus.AlreadyLoaded)
        {
            // The same bytes are loaded (the usual case): the point of a re-import after a catalogue
            // or rule change is its period's rankings, so they are recomputed all the same.
            await intake.RefreshTouchedAsync([outcome.PeriodCode], cancellationToken);
        }

        logger.LogInformation("Re-imported submission {SubmissionId} from {File}: {Status} (submission {NewSubmissionId})",
            submissionId, path, outcome.Status, outcome.SubmissionId);
        return $"Submission {submissionId}: {outcome.Status} (submission {outcome.SubmissionId}).";
    }
}
