using System.Data.Common;
using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Prosperity.Etl.Data;
using Prosperity.Etl.Operations;
using Prosperity.Etl.PostgreSql;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Samples;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// An inbox, archive and rejected folder in a temporary folder, a warehouse (SQLite, or a fresh
/// PostgreSQL database), and Hangfire servers whose jobs are built by the product's own
/// registration (<see cref="ProsperityServices.AddProsperity"/> and <see cref="InboxJobsRegistration.AddInboxJobs"/>), one service provider per
/// server as if each were its own process.
/// </summary>
internal sealed class InboxHarness : IDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly string? _postgresDatabase;

    private InboxHarness(string engine)
    {
        Engine = engine;
        Inbox = Temp.File("inbox");
        Directory.CreateDirectory(Inbox);
        if (engine == "postgres")
        {
            _postgresDatabase = TestPostgresServer.NewName("prosperity_ops");
            TestPostgresServer.Create(_postgresDatabase);
            Connection = TestPostgresServer.To(_postgresDatabase);
            Db = "postgres:" + Connection;
        }
        else
        {
            Connection = Temp.File("warehouse.db");
            Db = "sqlite:" + Connection;
        }

        Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inbox:Path"] = Inbox,
            ["Inbox:ArchivePath"] = Archive,
            ["Inbox:RejectedPath"] = Rejected,
            ["Inbox:SettleSeconds"] = "0",
            ["Jobs:PollSeconds"] = "0.2",
            ["Review:Required"] = "false",
        }).Build();
    }

    public TempFolder Temp { get; } = new();

    public string Engine { get; }

    public string Db { get; }

    public string Connection { get; }

    public string Inbox { get; }

    public string Archive => Temp.File("archive");

    public string Rejected => Temp.File("rejected");

    public IConfiguration Configuration { get; }

    public SqlDialect Dialect => Engine == "postgres" ? new PostgreSqlDialect() : new SqliteDialect();

    /// <summary>A harness on the engine; a PostgreSQL one skips the test when no server is configured.</summary>
    public static InboxHarness Create(string engine)
    {
        if (engine == "postgres")
        {
            TestPostgresServer.Require();
        }

        return new InboxHarness(engine);
    }

    public DbConnection Connect() => Engine == "postgres" ? new NpgsqlConnection(Connection) : new SqliteConnection($"Data Source={Connection}");

    /// <summary>The demo's 24 returns in one folder per quarter, and a file that is not a workbook.</summary>
    public void FillInbox()
    {
        DemoSubmissions.WriteAll(ReferenceCatalog.Default, Inbox, overwrite: true);
        File.WriteAllText(Path.Combine(Inbox, "broken.xlsx"), "not a workbook");
    }

    /// <summary>Copies this inbox's files to <paramref name="target"/>.</summary>
    public void CopyInboxTo(string target) => CopyFolder(Inbox, target);

    /// <summary>Copies another inbox's files (the same bytes, so the same SHA-256) into this one.</summary>
    public void FillInboxFrom(string source) => CopyFolder(source, Inbox);

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    /// <summary>A provider as one server process would build it: its own warehouse objects over the shared database.</summary>
    /// <remarks><paramref name="importers"/> replaces the importer the jobs use (a test's own reader).</remarks>
    public async Task<ServiceProvider> BuildProviderAsync(JobStorage storage, IDictionary<string, string?>? settings = null, TimeProvider? clock = null,
        Func<IServiceProvider, Func<Import.SubmissionImporter>>? importers = null)
    {
        var configuration = settings is null ? Configuration : new ConfigurationBuilder().AddConfiguration(Configuration).AddInMemoryCollection(settings).Build();
        var collection = new ServiceCollection();
        collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        collection.AddProsperity(configuration, Db, clock);
        collection.AddInboxJobs(configuration);
        if (importers is not null)
        {
            collection.AddSingleton<Func<Import.SubmissionImporter>>(sp => importers(sp));
        }

        collection.AddSingleton<IBackgroundJobClient>(new BackgroundJobClient(storage));
        var provider = collection.BuildServiceProvider();
        _owned.Add(provider);
        await provider.EnsureWarehouseAsync(CancellationToken.None);
        return provider;
    }

    /// <summary>The job storage the product registers for this harness's warehouse (the engine's own).</summary>
    public JobStorage ProductJobStorage()
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddProsperity(Configuration, Db);
        collection.AddInboxJobs(Configuration);
        var provider = collection.BuildServiceProvider();
        _owned.Add(provider);
        return provider.GetRequiredService<JobStorage>();
    }

    /// <summary>Starts a Hangfire server on <paramref name="storage"/> whose jobs come from <paramref name="provider"/>.</summary>
    public BackgroundJobServer StartServer(JobStorage storage, ServiceProvider provider, string name, int workers = 2)
    {
        var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = name,
            WorkerCount = workers,
            Activator = new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()),
            SchedulePollingInterval = TimeSpan.FromMilliseconds(200),
            FilterProvider = provider.GetRequiredService<Hangfire.Common.IJobFilterProvider>(),
        }, storage);
        _owned.Add(server);
        return server;
    }

    /// <summary>Waits until nothing is enqueued, processing or scheduled, and at least <paramref name="runs"/> runs have finished.</summary>
    public static async Task WaitUntilIdleAsync(JobStorage storage, IOperationsStore store, int runs, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var stats = storage.GetMonitoringApi().GetStatistics();
            var finished = (await store.GetRecentRunsAsync(100)).Count(r => r.Status == "finished");
            if (stats.Enqueued == 0 && stats.Processing == 0 && stats.Scheduled == 0 && finished >= runs)
            {
                return;
            }

            await Task.Delay(200, cancel.Token);
        }
    }

    public static IReadOnlyList<string> Files(string folder) => Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList()
        : [];

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }

        TestPostgresServer.Drop(_postgresDatabase);
        Temp.Dispose();
    }
}
