using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// Headless Chromium (Debian's, as the dashboard's browser test uses) driven through the DevTools
/// protocol over its WebSocket: navigate, evaluate script in the page (to change pickers as a user
/// does and read back what the page shows), and capture screenshots.
/// </summary>
internal sealed partial class HeadlessChromium : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private int _id;

    private HeadlessChromium(Process process) => _process = process;

    public static async Task<HeadlessChromium> StartAsync(string executable, string profileFolder, int width, int height)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--remote-debugging-port=0", $"--user-data-dir={profileFolder}",
                     $"--window-size={width},{height}", "about:blank",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var browser = new HeadlessChromium(process);
        try
        {
            // "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on standard error.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            string? port = null;
            while (port is null)
            {
                var line = await process.StandardError.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("Chromium exited before it listened for DevTools.");
                if (DevToolsLine().Match(line) is { Success: true } m)
                {
                    port = m.Groups[1].Value;
                }
            }

            _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
            _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            using var http = new HttpClient();
            var targets = JsonNode.Parse(await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/json/list"), timeout.Token))!.AsArray();
            var page = targets.First(t => (string?)t!["type"] == "page")!;
            await browser._socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), timeout.Token);
            await browser.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
            return browser;
        }
        catch
        {
            await browser.DisposeAsync();
            throw;
        }
    }

    /// <summary>Opens a URL and waits until <paramref name="readyExpression"/> is true in the page.</summary>
    public async Task NavigateAsync(string url, string readyExpression)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await WaitForAsync(readyExpression);
    }

    /// <summary>Waits (up to 30 s) until a script expression is true.</summary>
    public async Task WaitForAsync(string expression)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            // Not yet there while the page loads (no body yet): false until it is.
            var value = await EvaluateAsync($"(() => {{ try {{ return Boolean({expression}); }} catch (e) {{ return false; }} }})()");
            if (value?.GetValue<bool>() == true)
            {
                return;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The page never met: {expression}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The value of a script expression (JSON-serialisable), thrown as an exception when the script throws.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } error)
        {
            throw new InvalidOperationException($"Script failed: {error.ToJsonString()}");
        }

        return result["result"]?["value"]?.DeepClone();
    }

    /// <summary>Saves a PNG of the page as it is shown (the whole page when <paramref name="fullPage"/>).</summary>
    public async Task ScreenshotAsync(string file, bool fullPage = true)
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = fullPage });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllBytesAsync(file, Convert.FromBase64String((string)result["data"]!));
    }

    private async Task<JsonNode> SendAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref _id);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters }.ToJsonString();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message), WebSocketMessageType.Text, true, timeout.Token);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var received = new MemoryStream();
            WebSocketReceiveResult part;
            do
            {
                part = await _socket.ReceiveAsync(buffer, timeout.Token);
                received.Write(buffer, 0, part.Count);
            }
            while (!part.EndOfMessage);

            var node = JsonNode.Parse(received.ToArray())!;
            if ((int?)node["id"] != id)
            {
                continue; // an event, or the answer to something else
            }

            if (node["error"] is { } error)
            {
                throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            }

            return node["result"]!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            }
        }
        catch (WebSocketException)
        {
            // the browser is going anyway
        }

        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"DevTools listening on ws://[^:]+:(\d+)/")]
    private static partial Regex DevToolsLine();
}
