using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using Prosperity.Etl.Data;
using Prosperity.Etl.PostgreSql;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Samples;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Testing;
using Xunit.Abstractions;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// Kills a real <c>prosperity import</c> process at random moments (fixed seed), checks after each
/// kill that every stored submission is whole, then lets a last run finish and compares the
/// warehouse with one loaded by a single clean run.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 4711;
    private const int Kills = 8;
    private readonly TempFolder _temp = new();
    private readonly List<string> _databases = [];

    [Fact]
    public Task Import_ShouldKeepWholeSubmissionsAndConverge_WhenKilledAtRandomMoments_OnSqlite() =>
        RunAsync(new SqliteDialect(), name => "sqlite:" + _temp.File(name + ".db"),
            db => new SqliteConnection($"Data Source={db["sqlite:".Length..]}"));

    [SkippableFact]
    public Task Import_ShouldKeepWholeSubmissionsAndConverge_WhenKilledAtRandomMoments_OnPostgres()
    {
        TestPostgresServer.Require();
        return RunAsync(new PostgreSqlDialect(), name =>
        {
            var database = TestPostgresServer.NewName($"prosperity_crash_{name}");
            _databases.Add(database);
            return "postgres:" + TestPostgresServer.To(database, pooling: false);
        }, db => new NpgsqlConnection(db["postgres:".Length..]));
    }

    private async Task RunAsync(SqlDialect dialect, Func<string, string> newDatabase, Func<string, DbConnection> connect)
    {
        var inbox = WriteInbox();
        var clean = newDatabase("clean");
        var crashed = newDatabase("crashed");
        Assert.Equal(0, (await RunImportAsync(inbox, clean, null)).Exit);
        var expected = await SnapshotAsync(dialect, () => connect(clean));

        // Each run is killed a random few milliseconds after it reports a random file: inside the
        // reading, validating or loading of the next file (or its transaction's commit).
        var random = new Random(Seed);
        for (var i = 0; i < Kills; i++)
        {
            var kill = (AfterFiles: random.Next(0, 5), Delay: TimeSpan.FromMilliseconds(random.Next(0, 60)));
            var (exit, killed) = await RunImportAsync(inbox, crashed, kill);
            var loaded = await AssertWholeAsync(dialect, () => connect(crashed));
            output.WriteLine($"run {i + 1}: {(killed ? $"killed {kill.Delay.TotalMilliseconds:0} ms after file {kill.AfterFiles}" : $"finished (exit {exit})")}, {loaded} submission(s) stored");
        }

        var last = await RunImportAsync(inbox, crashed, null);

        Assert.Equal(0, last.Exit);
        await AssertWholeAsync(dialect, () => connect(crashed));
        Assert.Equal(expected, await SnapshotAsync(dialect, () => connect(crashed)));
    }

    /// <summary>The demo's 24 returns plus a resubmission that supersedes one of them.</summary>
    private string WriteInbox()
    {
        var inbox = _temp.File("inbox");
        DemoSubmissions.WriteAll(ReferenceCatalog.Default, inbox, overwrite: true);
        new WorkbookBuilder().WithValue("INC_URBAN_PC", 63_000m).Save(Path.Combine(inbox, "zz_resubmission_330624_2025Q3.xlsx"));
        return inbox;
    }

    private async Task<(int Exit, bool Killed)> RunImportAsync(string inbox, string db, (int AfterFiles, TimeSpan Delay)? kill)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "prosperity.dll"), "import", inbox, "--db", db })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var files = 0;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (kill is { AfterFiles: 0 })
        {
            reached.TrySetResult();
        }

        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains(": accepted as submission #", StringComparison.Ordinal) == true && Interlocked.Increment(ref files) == kill?.AfterFiles)
            {
                reached.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        if (kill is { } k && await Task.WhenAny(exited, reached.Task) == reached.Task)
        {
            await Task.Delay(k.Delay);
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(timeout.Token);
                return (process.ExitCode, true);
            }
        }

        await exited.WaitAsync(timeout.Token);
        return (process.ExitCode, false);
    }

    /// <summary>Every stored submission (official, superseded, or waiting for review) has all its facts and its load run; staging is empty. Returns how many are stored.</summary>
    internal static async Task<int> AssertWholeAsync(SqlDialect d, Func<DbConnection> connect)
    {
        await using var c = connect();
        if (!await TableExistsAsync(c, d))
        {
            return 0;
        }

        var rows = (await c.QueryAsync<(long Id, long ValueCount, long Facts, long Runs)>($"""
            SELECT s.submission_id, s.value_count,
                   (SELECT COUNT(*) FROM {d.Fact} f WHERE f.submission_id = s.submission_id),
                   (SELECT COUNT(*) FROM {d.LoadRun} l WHERE l.submission_id = s.submission_id)
            FROM {d.Submission} s WHERE s.status IN ('accepted', 'superseded', 'pending', 'returned')
            """)).ToList();
        Assert.All(rows, r =>
        {
            Assert.Equal(r.ValueCount, r.Facts);
            Assert.Equal(1, r.Runs);
        });
        Assert.Equal(0, await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {d.StageFact}"));
        Assert.Equal(0, await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {d.Fact} f WHERE NOT EXISTS (SELECT 1 FROM {d.Submission} s WHERE s.submission_id = f.submission_id AND s.status IN ('accepted', 'superseded', 'pending', 'returned'))"));
        return rows.Count;
    }

    private static async Task<bool> TableExistsAsync(DbConnection c, SqlDialect d)
    {
        try
        {
            await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {d.LoadRun}");
            return true;
        }
        catch (DbException)
        {
            return false; // killed before the migrations had run
        }
    }

    /// <summary>The warehouse by natural keys (surrogate ids and timestamps differ between runs).</summary>
    internal static async Task<string> SnapshotAsync(SqlDialect d, Func<DbConnection> connect)
    {
        await using var c = connect();
        var submissions = await c.QueryAsync($"""
            SELECT s.file_sha256, s.status, s.region_code, s.period_code, s.value_count, n.file_sha256 AS superseded_by_sha
            FROM {d.Submission} s LEFT JOIN {d.Submission} n ON n.submission_id = s.superseded_by
            """);
        var values = await c.QueryAsync($"""
            SELECT s.file_sha256, h.region_code, h.period_code, h.indicator_code, {d.ReadNumeric("h.value")} AS value, h.submission_status
            FROM {d.Table("bi", "indicator_value_history")} h JOIN {d.Submission} s ON s.submission_id = h.submission_id
            """);
        var dimensions = await c.QueryAsync($"SELECT region_code, valid_from, name_en FROM {d.Region}");
        return string.Join("\n", new[] { submissions, values, dimensions }.SelectMany(rows => rows
            .Select(r => string.Join("|", ((IDictionary<string, object?>)r).Values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture))))
            .Order(StringComparer.Ordinal)));
    }

    public void Dispose()
    {
        TestPostgresServer.Drop(_databases);
        _temp.Dispose();
    }
}
