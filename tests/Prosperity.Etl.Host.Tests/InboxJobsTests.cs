using Dapper;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Operations;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>The nightly inbox run on a real Hangfire server (in-memory job storage, SQLite warehouse).</summary>
public sealed class InboxJobsTests : IDisposable
{
    private readonly InboxHarness _harness = InboxHarness.Create("sqlite");
    private readonly InMemoryStorage _storage = new();

    [Fact]
    public async Task NightlyImport_ShouldLoadEveryReturnMoveEveryFileAndRecomputeRankings_WhenTheInboxHasReturnsAndABadFile()
    {
        _harness.FillInbox();
        var provider = await _harness.BuildProviderAsync(_storage);
        _harness.StartServer(_storage, provider, "a");
        var store = provider.GetRequiredService<IOperationsStore>();

        new BackgroundJobClient(_storage).Enqueue<InboxJobs>(j => j.NightlyImportAsync("test", null, CancellationToken.None));
        await InboxHarness.WaitUntilIdleAsync(_storage, store, runs: 1);

        var run = (await store.GetRecentRunsAsync(1)).Single();
        Assert.Equal((25, 24, 1, 0, 0), (run.FilesSeen, run.Accepted, run.Rejected, run.Skipped, run.Failed));
        Assert.Equal("2025Q1,2025Q2,2025Q3,2025Q4,2026Q1,2026Q2,2026Q3", run.PeriodsRefreshed);
        Assert.Empty(InboxHarness.Files(_harness.Inbox));
        Assert.Equal(24, InboxHarness.Files(_harness.Archive).Count);
        Assert.Equal(["broken.feedback.xlsx", "broken.xlsx"], InboxHarness.Files(_harness.Rejected));
        await using var c = _harness.Connect();
        var d = _harness.Dialect;
        Assert.Equal(24, await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {d.Submission} WHERE status = 'accepted'"));
        Assert.Equal(3, await c.ExecuteScalarAsync<long>($"SELECT COUNT(DISTINCT period_key) FROM {d.Table("dw", "fact_ranking")}"));
        Assert.Equal(string.Empty, (await store.GetLockAsync(InboxJobs.NightlyImportId)).Owner);
    }

    [Fact]
    public async Task NightlyImport_ShouldLeaveTheInboxAlone_WhenAnotherRunHoldsTheLock()
    {
        _harness.FillInbox();
        var provider = await _harness.BuildProviderAsync(_storage);
        var store = provider.GetRequiredService<IOperationsStore>();
        Assert.True(await store.TryAcquireLockAsync(InboxJobs.NightlyImportId, "job:other", DateTimeOffset.UtcNow.AddMinutes(10)));

        var result = await provider.GetRequiredService<InboxJobs>().NightlyImportAsync("test", null, CancellationToken.None);

        Assert.StartsWith("Not started: another run (job:other) holds the lock", result, StringComparison.Ordinal);
        Assert.Equal(25, InboxHarness.Files(_harness.Inbox).Count);
        Assert.Empty(await store.GetRecentRunsAsync(10));
    }

    [Fact]
    public async Task NightlyImport_ShouldTryTheTakeOverAgainAfterTheLease_WhenARestartFindsTheDeadRunsLockStillHeld()
    {
        _harness.FillInbox();
        var provider = await _harness.BuildProviderAsync(_storage);
        var store = provider.GetRequiredService<IOperationsStore>();
        // A run left unfinished whose resumed job renewed the lease just before the take-over came.
        await store.StartRunAsync("recurring", "1", "dead-server");
        Assert.True(await store.TryAcquireLockAsync(InboxJobs.NightlyImportId, "job:1", DateTimeOffset.UtcNow.AddSeconds(20)));
        var scheduledBefore = _storage.GetMonitoringApi().ScheduledCount();

        var result = await provider.GetRequiredService<InboxJobs>().NightlyImportAsync(InboxJobs.ResumeTrigger, null, CancellationToken.None);

        Assert.StartsWith("Not started", result, StringComparison.Ordinal);
        Assert.Equal(scheduledBefore + 1, _storage.GetMonitoringApi().ScheduledCount());
        var again = _storage.GetMonitoringApi().ScheduledJobs(0, 10).Single().Value;
        Assert.Equal(InboxJobs.ResumeTrigger, again.Job.Args[0]);
        Assert.InRange(again.EnqueueAt, DateTime.UtcNow.AddSeconds(15), DateTime.UtcNow.AddSeconds(40));
    }

    [Fact]
    public async Task NightlyImport_ShouldNotTryAgain_WhenAnOrdinaryTriggerFindsTheLockHeld()
    {
        _harness.FillInbox();
        var provider = await _harness.BuildProviderAsync(_storage);
        var store = provider.GetRequiredService<IOperationsStore>();
        await store.StartRunAsync("recurring", "1", "live-server");
        Assert.True(await store.TryAcquireLockAsync(InboxJobs.NightlyImportId, "job:1", DateTimeOffset.UtcNow.AddMinutes(10)));

        await provider.GetRequiredService<InboxJobs>().NightlyImportAsync("recurring", null, CancellationToken.None);

        Assert.Equal(0, _storage.GetMonitoringApi().ScheduledCount());
    }

    [Fact]
    public async Task NightlyImport_ShouldTakeTheOtherFiles_WhenOneCannotBeReadDuringTheScan()
    {
        _harness.FillInbox();
        var locked = Directory.EnumerateFiles(_harness.Inbox, "*.xlsx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var provider = await _harness.BuildProviderAsync(_storage);
        var store = provider.GetRequiredService<IOperationsStore>();

        string result;
        // Another program holds the file exclusively (on Linux .NET takes an advisory lock for FileShare.None).
        await using (new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            result = await provider.GetRequiredService<InboxJobs>().NightlyImportAsync("test", null, CancellationToken.None);
        }

        Assert.Equal("Run 1: 24 import jobs enqueued.", result);
        Assert.DoesNotContain(await store.GetRunFilesAsync(1), f => locked.EndsWith(f.RelativePath, StringComparison.Ordinal));
        Assert.True(File.Exists(locked));
    }

    [Fact]
    public async Task NightlyImport_ShouldTakeOverTheRestOfARun_WhoseLeaseLapsedBeforeItsChainResumed()
    {
        _harness.FillInbox();
        var clock = new FixedTimeProvider(DateTimeOffset.UtcNow);
        var provider = await _harness.BuildProviderAsync(_storage, clock: clock);
        var store = provider.GetRequiredService<IOperationsStore>();
        var jobs = provider.GetRequiredService<InboxJobs>();
        // Run 1 sets its chain going and loads two files; then its host dies and the chain never resumes.
        await jobs.NightlyImportAsync("first", null, CancellationToken.None);
        var (owner, _) = await store.GetLockAsync(InboxJobs.NightlyImportId);
        foreach (var file in (await store.GetRunFilesAsync(1)).Take(2))
        {
            await jobs.ImportFileAsync(1, file.InboxFileId, file.RelativePath, owner, null, CancellationToken.None);
        }

        Assert.StartsWith("Not started", await jobs.NightlyImportAsync("too early", null, CancellationToken.None), StringComparison.Ordinal);
        clock.Now = clock.Now.AddMinutes(11);
        var second = await jobs.NightlyImportAsync("after the lease", null, CancellationToken.None);
        var third = (await store.GetRunFilesAsync(1))[2];
        var late = await jobs.ImportFileAsync(1, third.InboxFileId, third.RelativePath, owner, null, CancellationToken.None);

        Assert.Equal("Run 2: 23 import jobs enqueued.", second);
        Assert.EndsWith("left to the run that holds the lock now.", late, StringComparison.Ordinal);
        Assert.Equal(["abandoned", "running"], (await store.GetRecentRunsAsync(5)).OrderBy(r => r.RunId).Select(r => r.Status));
        Assert.Equal(2, InboxHarness.Files(_harness.Archive).Count);
    }

    [Fact]
    public async Task NightlyImport_ShouldNotSetARunGoingTwice_WhenTheSameJobExecutesAgain()
    {
        _harness.FillInbox();
        var provider = await _harness.BuildProviderAsync(_storage);
        var store = provider.GetRequiredService<IOperationsStore>();
        var jobs = provider.GetRequiredService<InboxJobs>();
        using var connection = _storage.GetConnection();
        var context = new Hangfire.Server.PerformContext(_storage, connection,
            new Hangfire.BackgroundJob("42", Hangfire.Common.Job.FromExpression<InboxJobs>(j => j.NightlyImportAsync("test", null, CancellationToken.None)), DateTime.UtcNow),
            new Hangfire.JobCancellationToken(false));

        var first = await jobs.NightlyImportAsync("test", context, CancellationToken.None);
        var again = await jobs.NightlyImportAsync("test", context, CancellationToken.None);

        Assert.Equal("Run 1: 25 import jobs enqueued.", first);
        Assert.Equal("Run 1: its jobs were enqueued by an earlier execution of this job.", again);
        Assert.Equal(25, (await store.GetRunFilesAsync(1)).Count);
        Assert.Single(await store.GetRecentRunsAsync(10));
        Assert.Equal(1, _storage.GetMonitoringApi().EnqueuedCount("default"));
    }

    [Fact]
    public async Task ImportFile_ShouldLoadOnce_WhenTheSameJobRunsAgainOrAfterTheFileWasMoved()
    {
        var file = Path.Combine(_harness.Inbox, "330624", "return.xlsx");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        new WorkbookBuilder().Save(file);
        var provider = await _harness.BuildProviderAsync(_storage);
        var store = provider.GetRequiredService<IOperationsStore>();
        var jobs = provider.GetRequiredService<InboxJobs>();
        var run = await store.StartRunAsync("test", null, "host");
        Assert.True(await store.TryAcquireLockAsync(InboxJobs.NightlyImportId, "job:1", DateTimeOffset.UtcNow.AddMinutes(10)));
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)));
        var first = await store.AddFileAsync(run, "330624/return.xlsx", sha, new FileInfo(file).Length);
        var second = await store.AddFileAsync(run, "330624/return.xlsx.again", sha, 1);

        await jobs.ImportFileAsync(run, first, "330624/return.xlsx", "job:1", null, CancellationToken.None);
        var again = await jobs.ImportFileAsync(run, first, "330624/return.xlsx", "job:1", null, CancellationToken.None);
        // A second ledger row for a path that is gone (a crash between the move and the ledger write).
        await jobs.ImportFileAsync(run, second, "330624/return.xlsx.again", "job:1", null, CancellationToken.None);

        var files = await store.GetRunFilesAsync(run);
        Assert.Equal([InboxOutcome.Accepted, InboxOutcome.Missing], files.Select(f => f.Outcome));
        Assert.EndsWith("already handled (Accepted).", again, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(_harness.Archive, "330624", "return.xlsx"), files[1].MovedTo);
        await using var c = _harness.Connect();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {_harness.Dialect.Submission}"));
    }

    [Fact]
    public async Task NightlyImport_ShouldArchiveAResentFileWithoutLoadingItAgain_WhenTheSameBytesComeBack()
    {
        _harness.FillInbox();
        var provider = await _harness.BuildProviderAsync(_storage);
        _harness.StartServer(_storage, provider, "a");
        var store = provider.GetRequiredService<IOperationsStore>();
        var client = new BackgroundJobClient(_storage);
        client.Enqueue<InboxJobs>(j => j.NightlyImportAsync("test", null, CancellationToken.None));
        await InboxHarness.WaitUntilIdleAsync(_storage, store, runs: 1);
        var archived = InboxHarness.Files(_harness.Archive);

        File.Copy(Path.Combine(_harness.Archive, archived[0]), Path.Combine(_harness.Inbox, Path.GetFileName(archived[0])));
        client.Enqueue<InboxJobs>(j => j.NightlyImportAsync("test", null, CancellationToken.None));
        await InboxHarness.WaitUntilIdleAsync(_storage, store, runs: 2);

        var run = (await store.GetRecentRunsAsync(1)).Single();
        Assert.Equal((1, 0, 0, 1), (run.FilesSeen, run.Accepted, run.Rejected, run.Skipped));
        Assert.Equal(archived.Count + 1, InboxHarness.Files(_harness.Archive).Count);
        await using var c = _harness.Connect();
        Assert.Equal(24, await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {_harness.Dialect.Submission} WHERE status <> 'rejected'"));
    }

    [Fact]
    public async Task ReimportSubmission_ShouldLoadARejectedReturnFromTheRejectedFolder_WhenTheRuleThatRejectedItIsRelaxed()
    {
        // Rejected under the strict policy: a warning without an explanation is an error.
        new WorkbookBuilder().WithValue("INC_URBAN_PC", 990_000m).Save(Path.Combine(_harness.Inbox, "330624-2025Q3.xlsx"));
        var strict = await _harness.BuildProviderAsync(_storage, new Dictionary<string, string?> { ["Validation:RequireExplanationForWarnings"] = "true" });
        await strict.GetRequiredService<InboxJobs>().NightlyImportAsync("test", null, CancellationToken.None);
        var store = strict.GetRequiredService<IOperationsStore>();
        var rejected = (await store.GetRunFilesAsync(1)).Single();
        var (owner, _) = await store.GetLockAsync(InboxJobs.NightlyImportId);
        await strict.GetRequiredService<InboxJobs>().ImportFileAsync(1, rejected.InboxFileId, rejected.RelativePath, owner, null, CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(_harness.Rejected, "330624-2025Q3.xlsx")));
        var rejectedId = (await store.GetRunFilesAsync(1)).Single().SubmissionId!.Value;

        var relaxed = await _harness.BuildProviderAsync(_storage);
        var result = await relaxed.GetRequiredService<InboxJobs>().ReimportSubmissionAsync(rejectedId, null, CancellationToken.None);
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => relaxed.GetRequiredService<InboxJobs>().ReimportSubmissionAsync(9_999, null, CancellationToken.None));

        Assert.Equal($"Submission {rejectedId}: AcceptedWithWarnings (submission {rejectedId + 1}).", result);
        Assert.Equal("There is no submission 9999.", missing.Message);
        await using var c = _harness.Connect();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {_harness.Dialect.Submission} WHERE status = 'accepted'"));
    }

    [Fact]
    public async Task TransientRetry_ShouldRetryATransientFault_AndGiveUpAtOnceOnAnyOtherFailure()
    {
        var provider = await _harness.BuildProviderAsync(_storage);
        _harness.StartServer(_storage, provider, "a");
        var client = new BackgroundJobClient(_storage);

        var transient = client.Enqueue(() => FailingJobs.Transient());
        var bug = client.Enqueue(() => FailingJobs.Bug());

        var monitor = _storage.GetMonitoringApi();
        await WaitForStateAsync(monitor, transient, "Scheduled");
        await WaitForStateAsync(monitor, bug, "Deleted");
        Assert.Contains("Transient fault, try 2 of", monitor.JobDetails(transient).History[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not a transient fault", monitor.JobDetails(bug).History[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void IsTransient_ShouldKnowUnreachableDatabasesFromMistakes()
    {
        Assert.True(TransientRetryAttribute.IsTransient(new TimeoutException()));
        Assert.True(TransientRetryAttribute.IsTransient(new Data.WarehouseException("down", new System.Net.Sockets.SocketException(111))));
        Assert.True(TransientRetryAttribute.IsTransient(new Npgsql.NpgsqlException("refused", new System.Net.Sockets.SocketException(111))));
        Assert.False(TransientRetryAttribute.IsTransient(new InvalidOperationException("bug")));
        Assert.False(TransientRetryAttribute.IsTransient(new FileNotFoundException("gone")));
    }

    [Fact]
    public void TouchedPeriods_ShouldAddTheNextQuarterAndTheSameQuarterNextYear_WhenTheyHaveEnded()
    {
        var clock = new FixedTimeProvider(new DateTimeOffset(2026, 5, 10, 0, 0, 0, TimeSpan.Zero));

        var periods = Import.ImportAndRefresh.TouchedPeriods(["2025Q3", "2025Q4", null, "junk", "2026Q1"], clock);

        Assert.Equal(["2025Q3", "2025Q4", "2026Q1"], periods.Select(p => p.Code));
    }

    private static async Task WaitForStateAsync(Hangfire.Storage.IMonitoringApi monitor, string jobId, string state)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (monitor.JobDetails(jobId)?.History.FirstOrDefault()?.StateName != state)
        {
            await Task.Delay(100, cancel.Token);
        }
    }

    public void Dispose()
    {
        _harness.Dispose();
        _storage.Dispose();
    }
}

/// <summary>Jobs that fail, for the retry policy.</summary>
[AutomaticRetry(Attempts = 0)]
[TransientRetry]
public static class FailingJobs
{
    public static void Transient() => throw new TimeoutException("The warehouse did not answer.");

    public static void Bug() => throw new InvalidOperationException("A programming error.");
}
