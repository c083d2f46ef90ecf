using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Dapper;
using Xunit.Abstractions;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// Runs <c>prosperity serve</c> as a real process, starts the nightly import the way an operator
/// does (the operations page's form), kills the process with SIGKILL in the middle of the run,
/// starts it again and lets the run complete: nothing may be lost or loaded twice, and the
/// warehouse must equal one loaded by a plain serial import of the same files.
/// </summary>
public sealed partial class ServeKillTests(ITestOutputHelper output)
{
    [Fact]
    public Task Serve_ShouldLoseAndDoubleNothing_WhenKilledDuringANightlyRun_OnSqlite() => RunAsync("sqlite");

    [SkippableFact]
    public Task Serve_ShouldLoseAndDoubleNothing_WhenKilledDuringANightlyRun_OnPostgres() => RunAsync("postgres");

    private async Task RunAsync(string engine)
    {
        using var clean = InboxHarness.Create(engine);
        clean.FillInbox();
        using var harness = InboxHarness.Create(engine);
        harness.FillInboxFrom(clean.Inbox);
        // The server runs with the product's defaults (returns wait for review); so does the serial reference run.
        Assert.Equal(0, (await CliRunner.RunReviewedAsync("import", clean.Inbox, "--db", clean.Db)).Exit is 0 or 1 ? 0 : 1);
        var expected = await CrashRecoveryTests.SnapshotAsync(clean.Dialect, clean.Connect);

        using (var first = Serve(harness))
        {
            await first.ReadyAsync();
            await first.TriggerNightlyImportAsync();
            await WaitForAsync(() => InboxHarness.Files(harness.Archive).Count >= 4, TimeSpan.FromMinutes(2));
            first.Kill();
        }

        var archivedAtKill = InboxHarness.Files(harness.Archive).Count;
        var storedAtKill = await CrashRecoveryTests.AssertWholeAsync(harness.Dialect, harness.Connect);
        output.WriteLine($"killed with {archivedAtKill} file(s) archived and {storedAtKill} submission(s) stored");
        Assert.True(archivedAtKill < 24, "the run had finished before the kill; nothing was tested");

        using (var second = Serve(harness))
        {
            await second.ReadyAsync();

            // The restarted server resumes the chain (the killed job is handed on after
            // Jobs:InvisibilitySeconds); should the job storage have lost the rest of the chain, the
            // nightly import the server scheduled at start takes over once the dead run's lease has
            // lapsed. No operator action either way; nothing may be lost or doubled.
            await WaitForAsync(async () => InboxHarness.Files(harness.Inbox).Count == 0 && await FinishedRunsAsync(harness) >= 1, TimeSpan.FromMinutes(3));
            second.Kill();
        }

        Assert.Equal(24, InboxHarness.Files(harness.Archive).Count);
        Assert.Equal(["broken.feedback.xlsx", "broken.xlsx"], InboxHarness.Files(harness.Rejected));
        await CrashRecoveryTests.AssertWholeAsync(harness.Dialect, harness.Connect);
        Assert.Equal(expected, await CrashRecoveryTests.SnapshotAsync(harness.Dialect, harness.Connect));
    }

    private static async Task<long> FinishedRunsAsync(InboxHarness harness)
    {
        await using DbConnection c = harness.Connect();
        return await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {harness.Dialect.Table("etl", "inbox_run")} WHERE status = 'finished'");
    }

    private ServeProcess Serve(InboxHarness harness)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = harness.Temp.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "prosperity.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--db", harness.Db })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PROSPERITY_Inbox__Path"] = harness.Inbox;
        start.Environment["PROSPERITY_Inbox__ArchivePath"] = harness.Archive;
        start.Environment["PROSPERITY_Inbox__RejectedPath"] = harness.Rejected;
        start.Environment["PROSPERITY_Inbox__SettleSeconds"] = "0";
        start.Environment["PROSPERITY_Jobs__PollSeconds"] = "0.5";
        // A killed server's job is handed to the next server after this long.
        start.Environment["PROSPERITY_Jobs__InvisibilitySeconds"] = "8";
        start.Environment["PROSPERITY_Jobs__StaleLockSeconds"] = "10";
        start.Environment["PROSPERITY_Jobs__RunLockMinutes"] = "0.25";
        start.Environment["PROSPERITY_Logging__File"] = Path.Combine(harness.Temp.Path, "logs", "prosperity-.clef");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServeProcess(process, new Uri($"http://127.0.0.1:{port}"));

        void Log(string? line)
        {
            if (line is not null && (line.Contains("Nightly run", StringComparison.Ordinal) || line.Contains("ERR", StringComparison.Ordinal)))
            {
                try
                {
                    output.WriteLine(line);
                }
                catch (InvalidOperationException)
                {
                    // The test has ended; the process's last lines are not needed.
                }
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout) => await WaitForAsync(() => Task.FromResult(condition()), timeout);

    private static async Task WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Gave up waiting after {timeout.TotalSeconds:0} s.");
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed class ServeProcess(Process process, Uri address) : IDisposable
    {
        private readonly HttpClient _client = new(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = address };

        public async Task ReadyAsync()
        {
            await WaitForAsync(async () =>
            {
                Assert.False(process.HasExited, "prosperity serve exited at start-up");
                try
                {
                    return (await _client.GetAsync("/health")).IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromMinutes(1));
        }

        /// <summary>What an operator does: open the operations page and press "Run the nightly import now".</summary>
        public async Task TriggerNightlyImportAsync()
        {
            var page = await _client.GetStringAsync("/hangfire/prosperity/operations");
            var token = WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value);
            using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", token)]);
            var response = await _client.PostAsync("/hangfire/prosperity/run-import", form);
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }

        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }

        public void Dispose()
        {
            Kill();
            _client.Dispose();
            process.Dispose();
        }
    }
}
