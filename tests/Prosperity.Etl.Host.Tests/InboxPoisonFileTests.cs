using Dapper;
using Hangfire;
using Hangfire.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Import;
using Prosperity.Etl.Operations;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// The poison-file rule on a real Hangfire server: a file whose import fails twice (an exception
/// that is not a transient fault, a time-out, a process that died while importing it) is set aside
/// in the rejected folder with a rejected attempt, and the other files go on.
/// </summary>
public sealed class InboxPoisonFileTests : IDisposable
{
    private readonly InboxHarness _harness = InboxHarness.Create("sqlite");
    private readonly InMemoryStorage _storage = new();

    [Fact]
    public async Task NightlyImport_ShouldSetAFileAsideWithARejectedAttempt_WhenItsImportFailsTwice()
    {
        WriteInbox();
        var reader = new FaultyReader("poison.xlsx", _ => throw new InvalidOperationException("The reader met something it cannot handle."));
        var (store, client) = await StartAsync(reader);

        client.Enqueue<InboxJobs>(j => j.NightlyImportAsync("first", null, CancellationToken.None));
        await InboxHarness.WaitUntilIdleAsync(_storage, store, runs: 1);
        var first = (await store.GetRecentRunsAsync(1)).Single();
        Assert.Equal((2, 1, 0, 1), (first.FilesSeen, first.Accepted, first.Rejected, first.Failed));
        Assert.Equal(["poison.xlsx"], InboxHarness.Files(_harness.Inbox));

        client.Enqueue<InboxJobs>(j => j.NightlyImportAsync("second", null, CancellationToken.None));
        await InboxHarness.WaitUntilIdleAsync(_storage, store, runs: 2);
        var second = (await store.GetRecentRunsAsync(1)).Single();
        client.Enqueue<InboxJobs>(j => j.NightlyImportAsync("third", null, CancellationToken.None));
        await InboxHarness.WaitUntilIdleAsync(_storage, store, runs: 3);

        Assert.Equal((1, 0, 1, 0), (second.FilesSeen, second.Accepted, second.Rejected, second.Failed));
        Assert.Equal(2, reader.Calls);
        Assert.Empty(InboxHarness.Files(_harness.Inbox));
        Assert.Equal(["poison.xlsx"], InboxHarness.Files(_harness.Rejected));
        var issue = await SetAsideIssueAsync();
        Assert.Contains("InvalidOperationException: The reader met something it cannot handle.", issue.Found, StringComparison.Ordinal);
        Assert.Contains("failed 2 times", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NightlyImport_ShouldSetAFileAside_WhenItsImportRunsOutOfTimeTwice()
    {
        WriteInbox();
        var reader = new FaultyReader("poison.xlsx", inner => { Thread.Sleep(TimeSpan.FromSeconds(3)); return inner(); });
        var (store, client) = await StartAsync(reader, new Dictionary<string, string?> { ["Jobs:FileTimeoutSeconds"] = "1", ["Import:MaxReadSeconds"] = "60" });

        client.Enqueue<InboxJobs>(j => j.NightlyImportAsync("first", null, CancellationToken.None));
        await InboxHarness.WaitUntilIdleAsync(_storage, store, runs: 1);
        client.Enqueue<InboxJobs>(j => j.NightlyImportAsync("second", null, CancellationToken.None));
        await InboxHarness.WaitUntilIdleAsync(_storage, store, runs: 2);

        Assert.Equal(["poison.xlsx"], InboxHarness.Files(_harness.Rejected));
        var issue = await SetAsideIssueAsync();
        Assert.Equal("the import took longer than 1 s (Jobs:FileTimeoutSeconds)", issue.Found);
        await using var c = _harness.Connect();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {_harness.Dialect.Submission} WHERE status = 'accepted'"));
    }

    [Fact]
    public async Task ImportFile_ShouldSetAFileAsideWithoutReadingItAgain_WhenTheServerDiedTwiceWhileImportingIt()
    {
        WriteInbox();
        var reader = new FaultyReader("poison.xlsx", _ => throw new InvalidOperationException("must not be read again"));
        var (store, client) = await StartAsync(reader, startServer: false);
        var jobs = _provider!.GetRequiredService<InboxJobs>();
        await jobs.NightlyImportAsync("first", null, CancellationToken.None);
        var poison = (await store.GetRunFilesAsync(1)).Single(f => f.RelativePath == "poison.xlsx");
        // What a server that dies during the import leaves behind, twice (the storage hands the job
        // out again after its invisibility time-out): an attempt started, never ended.
        await store.StartAttemptAsync(poison.InboxFileId, InboxJobs.UnfinishedAttempt);
        await store.StartAttemptAsync(poison.InboxFileId, InboxJobs.UnfinishedAttempt);

        _harness.StartServer(_storage, _provider!, "after-restart");
        await InboxHarness.WaitUntilIdleAsync(_storage, store, runs: 1);

        Assert.Equal(0, reader.Calls);
        Assert.Equal(["poison.xlsx"], InboxHarness.Files(_harness.Rejected));
        Assert.Equal(InboxOutcome.Rejected, (await store.GetFileAsync(poison.InboxFileId))!.Outcome);
        var issue = await SetAsideIssueAsync();
        Assert.Equal(InboxJobs.UnfinishedAttempt, issue.Found);
        Assert.NotNull(client);
    }

    [Fact]
    public async Task ImportFile_ShouldNotCountATransientFault_AsAFailedAttempt()
    {
        WriteInbox();
        var reader = new FaultyReader("poison.xlsx", _ => throw new TimeoutException("The warehouse did not answer."));
        var (store, _) = await StartAsync(reader, startServer: false);
        var jobs = _provider!.GetRequiredService<InboxJobs>();
        await jobs.NightlyImportAsync("first", null, CancellationToken.None);
        var poison = (await store.GetRunFilesAsync(1)).Single(f => f.RelativePath == "poison.xlsx");
        var (owner, _) = await store.GetLockAsync(InboxJobs.NightlyImportId);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => jobs.ImportFileAsync(1, poison.InboxFileId, poison.RelativePath, owner, null, CancellationToken.None));
        }

        Assert.Equal(0, (await store.GetFailuresAsync(poison.Sha256)).Failures);
        Assert.Equal(["poison.xlsx"], InboxHarness.Files(_harness.Inbox).Where(f => f == "poison.xlsx"));
    }

    private ServiceProvider? _provider;

    // A real return and a second real workbook (openpyxl would do as well: the reader is replaced for it).
    private void WriteInbox()
    {
        new WorkbookBuilder().Save(Path.Combine(_harness.Inbox, "330624-2025Q3.xlsx"));
        new WorkbookBuilder().WithValue("INC_URBAN_PC", 70_123m).Save(Path.Combine(_harness.Inbox, "poison.xlsx"));
    }

    private async Task<(IOperationsStore Store, BackgroundJobClient Client)> StartAsync(FaultyReader reader, IDictionary<string, string?>? settings = null, bool startServer = true)
    {
        _provider = await _harness.BuildProviderAsync(_storage, settings, importers: services => () => new SubmissionImporter(
            reader.Over(new SubmissionWorkbookReader(services.GetRequiredService<Excel.ReaderLimits>())),
            services.GetRequiredService<SubmissionValidator>(),
            services.GetRequiredService<Import.IWarehouse>(),
            services.GetRequiredService<ImportOptions>(),
            services.GetRequiredService<TimeProvider>(),
            NullLogger<SubmissionImporter>.Instance,
            services.GetRequiredService<ValidationOptions>()));
        if (startServer)
        {
            _harness.StartServer(_storage, _provider, "a");
        }

        return (_provider.GetRequiredService<IOperationsStore>(), new BackgroundJobClient(_storage));
    }

    private async Task<(string Found, string Message)> SetAsideIssueAsync()
    {
        await using var c = _harness.Connect();
        var d = _harness.Dialect;
        var rows = (await c.QueryAsync<(string Status, string Code, string Found, string Message)>($"""
            SELECT s.status, v.rule_code, v.found_value, v.message_en FROM {d.Submission} s JOIN {d.Issue} v ON v.submission_id = s.submission_id
            WHERE s.file_name = 'poison.xlsx'
            """)).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(("rejected", Rules.ImportFailedTwice.Code), (row.Status, row.Code));
        return (row.Found, row.Message);
    }

    public void Dispose()
    {
        _harness.Dispose();
        _storage.Dispose();
    }

    /// <summary>The real reader, except for one file name, where <c>fault</c> decides (given the real read).</summary>
    private sealed class FaultyReader(string fileName, Func<Func<ReadResult>, ReadResult> fault)
    {
        private int _calls;

        public int Calls => _calls;

        public ISubmissionReader Over(ISubmissionReader inner) => new Reader(this, inner);

        private sealed class Reader(FaultyReader owner, ISubmissionReader inner) : ISubmissionReader
        {
            public ReadResult Read(string path)
            {
                if (!string.Equals(Path.GetFileName(path), owner.FileName, StringComparison.Ordinal))
                {
                    return inner.Read(path);
                }

                Interlocked.Increment(ref owner._calls);
                return owner.Fault(() => inner.Read(path));
            }
        }

        private string FileName => fileName;

        private ReadResult Fault(Func<ReadResult> read) => fault(read);
    }
}
