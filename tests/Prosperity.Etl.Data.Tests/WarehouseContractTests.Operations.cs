using Prosperity.Etl.Operations;

namespace Prosperity.Etl.Data.Tests;

/// <summary>The run lock and the inbox ledger, on every engine.</summary>
public abstract partial class WarehouseContractTests
{
    // Seeded by the migration, as the nightly import uses it.
    private const string NightlyLock = "nightly-import";

    private async Task<OperationsStore> ReadyOperationsStoreAsync()
    {
        await CreateWarehouse().EnsureReadyAsync(Testing.Some.Catalog);
        return new OperationsStore(Connections, Dialect, Clock);
    }

    [SkippableFact]
    public async Task RunLock_ShouldHaveExactlyOneOwner_WhenEightOwnersRaceForIt()
    {
        var store = await ReadyOperationsStoreAsync();
        var until = Clock.GetUtcNow().AddMinutes(30);

        var results = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => Task.Run(() => store.TryAcquireLockAsync(NightlyLock, $"server-{i}", until))));

        Assert.Equal(1, results.Count(r => r));
        var (owner, expires) = await store.GetLockAsync(NightlyLock);
        Assert.Equal($"server-{Array.IndexOf(results, true) + 1}", owner);
        Assert.Equal(until, expires);
    }

    [SkippableFact]
    public async Task AbandonOtherRuns_ShouldReportEachAbandonedRunOnce_WhenEightRunsTakeOverAtOnce()
    {
        var store = await ReadyOperationsStoreAsync();
        for (var round = 0; round < 5; round++)
        {
            var stale = new List<long>();
            for (var i = 0; i < 6; i++)
            {
                stale.Add(await store.StartRunAsync("recurring", null, "dead-server"));
            }

            var current = new List<long>();
            for (var i = 0; i < 8; i++)
            {
                current.Add(await store.StartRunAsync("recurring", null, $"server-{i}"));
            }

            // Each current run abandons every other running one, all at once.
            var reported = await Task.WhenAll(current.Select(id => Task.Run(() => store.AbandonOtherRunsAsync(id))));

            var all = reported.SelectMany(r => r).ToList();
            Assert.Equal(all.Count, all.Distinct().Count()); // no run is reported by two callers
            var abandoned = (await store.GetRecentRunsAsync(1000)).Where(r => r.Status == "abandoned").Select(r => r.RunId).ToHashSet();
            Assert.True(all.ToHashSet().SetEquals(abandoned.Where(id => stale.Contains(id) || current.Contains(id))),
                "every run marked abandoned is reported by the call that marked it");
            Assert.True(stale.All(abandoned.Contains), "every stale run is abandoned");
        }
    }

    [SkippableFact]
    public async Task Probe_ShouldSayUnreadable_WhenTheWarehouseHasNoSchema_AndReadyOnceMigrated()
    {
        var probe = new SchemaProbe(Connections, Dialect);
        var before = await probe.ProbeAsync();
        Assert.Equal(Import.WarehouseState.Unreadable, before.State);
        Assert.False(string.IsNullOrWhiteSpace(before.Reason));
        Assert.DoesNotContain('\n', before.Reason!);

        await CreateWarehouse().EnsureReadyAsync(Testing.Some.Catalog);
        Assert.Equal(Import.WarehouseState.Ready, (await probe.ProbeAsync()).State);
    }

    [SkippableFact]
    public async Task Ping_ShouldBeFalse_WhenTheWarehouseAnswersButHasNoOperationsTables()
    {
        var bare = new OperationsStore(Connections, Dialect, Clock);
        Assert.False(await bare.PingAsync(), "a warehouse that was never migrated has no run lock table");

        var store = await ReadyOperationsStoreAsync();
        Assert.True(await store.PingAsync());
    }

    [SkippableFact]
    public async Task RunLock_ShouldBeTakenOver_WhenItsLeaseHasRunOut()
    {
        var store = await ReadyOperationsStoreAsync();
        Assert.True(await store.TryAcquireLockAsync(NightlyLock, "a", Clock.GetUtcNow().AddMinutes(1)));
        Assert.False(await store.TryAcquireLockAsync(NightlyLock, "b", Clock.GetUtcNow().AddMinutes(1)));
        Assert.True(await store.TryAcquireLockAsync(NightlyLock, "a", Clock.GetUtcNow().AddMinutes(2)), "the owner takes its own lock again (a retried job)");

        Clock.Now = Clock.Now.AddMinutes(3);

        Assert.True(await store.TryAcquireLockAsync(NightlyLock, "b", Clock.GetUtcNow().AddMinutes(1)));
        Assert.False(await store.RenewLockAsync(NightlyLock, "a", Clock.GetUtcNow().AddMinutes(5)));
    }

    [SkippableFact]
    public async Task RunLock_ShouldBeFreed_OnlyByItsOwner()
    {
        var store = await ReadyOperationsStoreAsync();
        Assert.True(await store.TryAcquireLockAsync("other-lock", "a", Clock.GetUtcNow().AddMinutes(10)));

        await store.ReleaseLockAsync("other-lock", "b");
        Assert.False(await store.TryAcquireLockAsync("other-lock", "b", Clock.GetUtcNow().AddMinutes(10)));

        await store.ReleaseLockAsync("other-lock", "a");
        Assert.True(await store.TryAcquireLockAsync("other-lock", "b", Clock.GetUtcNow().AddMinutes(10)));
    }

    [SkippableFact]
    public async Task InboxLedger_ShouldKeepEachFilesOutcomeAndTheRunSummary()
    {
        var store = await ReadyOperationsStoreAsync();
        var run = await store.StartRunAsync("recurring", "17", "host-a");
        var good = await store.AddFileAsync(run, "330602/a.xlsx", new string('a', 64), 1234);
        var bad = await store.AddFileAsync(run, "b.xlsx", new string('b', 64), 10);
        await store.SetFileJobAsync(good, "18");
        await store.CompleteFileAsync(good, InboxOutcome.AcceptedWithWarnings, null, "330602", "2025Q3", "/archive/330602/a.xlsx");
        await store.CompleteFileAsync(bad, InboxOutcome.Rejected, null, null, null, "/rejected/b.xlsx");
        await store.FinishRunAsync(run, new InboxRunSummary(2, 1, 1, 0, 0, ["2025Q3", "2025Q4"]));

        var files = await store.GetRunFilesAsync(run);
        var summary = await store.GetRunAsync(run);

        Assert.Equal(["330602/a.xlsx", "b.xlsx"], files.Select(f => f.RelativePath));
        Assert.Equal(InboxOutcome.AcceptedWithWarnings, files[0].Outcome);
        Assert.Equal("18", files[0].JobId);
        Assert.Equal(new string('a', 64), files[0].Sha256);
        Assert.Equal(("330602", "2025Q3"), (files[0].RegionCode, files[0].PeriodCode));
        Assert.Equal(InboxOutcome.Rejected, files[1].Outcome);
        Assert.NotNull(summary);
        Assert.Equal(("finished", 2, 1, 1, "2025Q3,2025Q4"), (summary.Status, summary.FilesSeen, summary.Accepted, summary.Rejected, summary.PeriodsRefreshed));
        Assert.Equal(run, (await store.GetRecentRunsAsync(5)).Single().RunId);
    }
}
