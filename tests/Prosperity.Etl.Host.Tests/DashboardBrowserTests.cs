using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Prosperity.Etl.Data.Tests;
using Prosperity.Etl.Host.Web;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Samples;
using Prosperity.Etl.Testing;
using Xunit.Abstractions;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// Loads the dashboard's recurring jobs and the completeness page in headless Chromium (Debian's,
/// which .ci/run installs) against the real server on a loopback port, checks what the browser
/// shows, and keeps screenshots in artifacts/screenshots.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("PROSPERITY_CHROMIUM") ?? "/usr/bin/chromium";
    private readonly TempFolder _temp = new();
    private WebApplication? _app;
    private string _address = string.Empty;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }

        // The demo's 24 returns, a resubmission (superseded mark) and a rejected return (rejected cell).
        var warehouse = "sqlite:" + _temp.File("warehouse.db");
        var inbox = _temp.File("returns");
        DemoSubmissions.WriteAll(ReferenceCatalog.Default, inbox, overwrite: true);
        new WorkbookBuilder().WithValue("INC_URBAN_PC", 63_000m).Save(Path.Combine(inbox, "zz_330624_2025Q3_corrected.xlsx"));
        new WorkbookBuilder().For(ReferenceCatalog.Default.FindLatestRegion("330200")!, new Domain.Period(2025, 3))
            .WithRawValue("INC_URBAN_PC", "about 80,000").Save(Path.Combine(inbox, "zz_330200_2025Q3.xlsx"));
        Assert.Equal(1, (await CliRunner.RunAsync("import", inbox, "--db", warehouse)).Exit);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inbox:Path"] = _temp.File("inbox"),
            ["Inbox:ArchivePath"] = _temp.File("archive"),
            ["Inbox:RejectedPath"] = _temp.File("rejected"),
            ["Logging:File"] = _temp.File("logs/prosperity-.clef"),
            ["Serve:KeysPath"] = _temp.File("keys"),
        }).Build();
        _app = await OperationsWebHost.BuildAsync(configuration, warehouse, "http://127.0.0.1:0");
        await _app.StartAsync();
        _address = _app.Urls.Single();
    }

    [SkippableFact]
    public async Task Dashboard_ShouldShowTheRecurringJobsAndTheCompletenessMatrix_InABrowser()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (.ci/run installs Debian's chromium); set PROSPERITY_CHROMIUM to use another.");

        var recurring = await DumpDomAsync("/hangfire/recurring");
        var completeness = await DumpDomAsync("/hangfire/prosperity/completeness?period=2025Q3");
        var shots = Path.Combine(RepositoryFolder.Find("tests"), "..", "artifacts", "screenshots");
        Directory.CreateDirectory(shots);
        await ScreenshotAsync("/hangfire/recurring", Path.Combine(shots, "dashboard-recurring.png"));
        await ScreenshotAsync("/hangfire/prosperity/completeness?period=2025Q3", Path.Combine(shots, "completeness.png"));
        await ScreenshotAsync("/hangfire/prosperity/operations", Path.Combine(shots, "operations.png"));

        Assert.Contains("nightly-import", recurring, StringComparison.Ordinal);
        Assert.Contains("rankings-refresh", recurring, StringComparison.Ordinal);
        Assert.Contains("0 2 * * *", recurring, StringComparison.Ordinal);
        Assert.Contains("Completeness 报送情况", completeness, StringComparison.Ordinal);
        Assert.Equal(24, Count(completeness, "data-state=\"accepted\""));
        Assert.Equal(1, Count(completeness, "data-state=\"rejected\""));
        Assert.Equal(1, Count(completeness, "data-superseded=\"1\""));
        Assert.Contains("<tr data-region=\"330200\">", completeness, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(shots, "completeness.png")).Length > 10_000, "the screenshot is empty");
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, string.Empty, StringComparison.Ordinal).Length) / what.Length;

    private Task<string> DumpDomAsync(string path) => RunChromiumAsync("--dump-dom", _address + path);

    private Task<string> ScreenshotAsync(string path, string file) =>
        RunChromiumAsync($"--screenshot={file}", file.EndsWith("completeness.png", StringComparison.Ordinal) ? "--window-size=1400,5200" : "--window-size=1400,1100", _address + path);

    private async Task<string> RunChromiumAsync(params string[] args)
    {
        // The flags Debian's Chromium needs on a closed, headless machine as root.
        var start = new ProcessStartInfo(Chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--virtual-time-budget=3000", $"--user-data-dir={_temp.File("chromium-" + Guid.NewGuid().ToString("N")[..6])}",
                 }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        output.WriteLine($"chromium {string.Join(' ', args)}: exit {process.ExitCode}");
        Assert.True(process.ExitCode == 0, await stderr);
        return await stdout;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    public void Dispose() => _temp.Dispose();
}
