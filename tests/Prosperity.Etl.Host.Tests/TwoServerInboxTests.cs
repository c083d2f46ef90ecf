using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Host.Web;
using Prosperity.Etl.Operations;
using Xunit.Abstractions;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// Two Hangfire servers (each with its own job storage object and warehouse objects, as two
/// processes would have) on one storage, against one inbox, with the nightly import started
/// three times at once: the warehouse must equal that of one serial run, every file must be taken
/// once and end up in the archive or the rejected folder.
/// </summary>
public sealed class TwoServerInboxTests(ITestOutputHelper output)
{
    [Fact]
    public Task TwoServers_ShouldLoadWhatOneSerialRunLoads_OnSqlite() => RunAsync("sqlite");

    [SkippableFact]
    public Task TwoServers_ShouldLoadWhatOneSerialRunLoads_OnPostgres() => RunAsync("postgres");

    private async Task RunAsync(string engine)
    {
        using var source = new Testing.TempFolder();
        string expected;
        using (var serial = InboxHarness.Create(engine))
        {
            serial.FillInbox();
            serial.CopyInboxTo(source.Path);
            var server = await ServerAsync(serial, "serial");
            server.Enqueue(j => j.NightlyImportAsync("serial", null, CancellationToken.None));
            await InboxHarness.WaitUntilIdleAsync(server.Storage, server.Provider.GetRequiredService<IOperationsStore>(), runs: 1);
            expected = await CrashRecoveryTests.SnapshotAsync(serial.Dialect, serial.Connect);
        }

        using var harness = InboxHarness.Create(engine);
        harness.FillInboxFrom(source.Path);
        var a = await ServerAsync(harness, "server-a");
        var b = await ServerAsync(harness, "server-b");
        var store = a.Provider.GetRequiredService<IOperationsStore>();

        await Task.WhenAll(
            Task.Run(() => a.Enqueue(j => j.NightlyImportAsync("a", null, CancellationToken.None))),
            Task.Run(() => b.Enqueue(j => j.NightlyImportAsync("b", null, CancellationToken.None))),
            Task.Run(() => b.Enqueue(j => j.NightlyImportAsync("b-again", null, CancellationToken.None))));
        await InboxHarness.WaitUntilIdleAsync(a.Storage, store, runs: 1);

        var runs = await store.GetRecentRunsAsync(10);
        foreach (var run in runs)
        {
            output.WriteLine($"run {run.RunId} ({run.Trigger}, job {run.JobId} on {run.ServerName}): {run.FilesSeen} seen, {run.Accepted} accepted, {run.Rejected} rejected, {run.Skipped} skipped");
        }

        Assert.Equal(25, runs.Sum(r => r.FilesSeen));
        Assert.Equal(24, runs.Sum(r => r.Accepted));
        Assert.Empty(InboxHarness.Files(harness.Inbox));
        Assert.Equal(24, InboxHarness.Files(harness.Archive).Count);
        Assert.Equal(["broken.feedback.xlsx", "broken.xlsx"], InboxHarness.Files(harness.Rejected));
        await CrashRecoveryTests.AssertWholeAsync(harness.Dialect, harness.Connect);
        Assert.Equal(expected, await CrashRecoveryTests.SnapshotAsync(harness.Dialect, harness.Connect));
    }

    /// <summary>A server as its own process would set it up: job storage from the product's factory, jobs from its registration.</summary>
    private static async Task<Server> ServerAsync(InboxHarness harness, string name)
    {
        var storage = harness.ProductJobStorage();
        var provider = await harness.BuildProviderAsync(storage);
        harness.StartServer(storage, provider, name, workers: 2);
        return new Server(storage, provider);
    }

    private sealed record Server(JobStorage Storage, ServiceProvider Provider)
    {
        public string Enqueue(System.Linq.Expressions.Expression<Func<InboxJobs, Task>> job) => new BackgroundJobClient(Storage).Enqueue(job);
    }
}
