using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>A named pipe given as a workbook, and a stop request while import waits on a locked warehouse, through the real process.</summary>
public sealed class StopAndPipeTests : IDisposable
{
    private readonly TempFolder _temp = new();

    [SkippableFact]
    public async Task ValidateAndImport_ShouldRefuseANamedPipeAtOnce_WithoutOpeningIt()
    {
        Skip.If(OperatingSystem.IsWindows(), "mkfifo is POSIX.");
        var pipe = _temp.File("330624-2025Q3.xlsx");
        Skip.IfNot(Run("mkfifo", pipe) == 0, "mkfifo is not available.");
        var db = "sqlite:" + _temp.File("warehouse.db");

        var watch = Stopwatch.StartNew();
        var validate = await CliRunner.RunAsync("validate", "--db", db, "--annotate", _temp.File("feedback"), pipe).WaitAsync(TimeSpan.FromSeconds(20));
        var import = await CliRunner.RunAsync("import", "--db", db, pipe).WaitAsync(TimeSpan.FromSeconds(20));
        watch.Stop();

        Assert.Equal((1, 1), (validate.Exit, import.Exit));
        Assert.Contains("330624-2025Q3.xlsx: would be rejected", validate.Out, StringComparison.Ordinal);
        Assert.Contains("not a regular file (a pipe or a device)", validate.Out, StringComparison.Ordinal);
        Assert.Contains("330624-2025Q3.xlsx: rejected: STR001", import.Out, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"{watch.Elapsed}");
    }

    [SkippableFact]
    public async Task Import_ShouldStopWithOneLineWithinSeconds_WhenSigtermArrivesWhileTheWarehouseIsLocked()
    {
        Skip.If(OperatingSystem.IsWindows(), "SIGTERM is POSIX.");
        var db = _temp.File("warehouse.db");
        Assert.Equal(0, (await CliRunner.RunAsync("migrate", "--db", "sqlite:" + db)).Exit);
        var workbook = new WorkbookBuilder().Save(_temp.File("330624-2025Q3.xlsx"));
        await using var other = new SqliteConnection($"Data Source={db};Pooling=False");
        await other.OpenAsync();
        await using (var begin = other.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE; INSERT INTO etl_run_lock (lock_name, owner, acquired_at, expires_at) VALUES ('x', 'other', '2026-01-01', '2026-01-01');";
            await begin.ExecuteNonQueryAsync();
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "prosperity.dll"), "import", "--db", "sqlite:" + db, workbook })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        // Long enough to be waiting on the lock (the default wait for it is a minute).
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.False(process.HasExited, "import ended before it was stopped");
        Assert.Equal(0, SendSignal(process.Id, 15)); // SIGTERM, as a service manager sends it
        var watch = Stopwatch.StartNew();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        watch.Stop();

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"stopped after {watch.Elapsed}");
        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode} after {watch.Elapsed}: {await stderr}");
        var line = Assert.Single((await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("prosperity: stopped by ", line, StringComparison.Ordinal);
        Assert.Contains("the one in progress was not loaded", line, StringComparison.Ordinal);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static int Run(string program, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            process.WaitForExit(10_000);
            return process.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
