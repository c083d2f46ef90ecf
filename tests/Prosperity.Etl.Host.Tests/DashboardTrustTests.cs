using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Prosperity.Etl.Host.Web;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// Trust by configuration, not by peer address, and a guarded sign-in, through the real ASP.NET Core
/// pipeline on the in-memory test server (the client address, the Host and the forwarding headers
/// set per request, as a proxy or a browser would send them).
/// </summary>
public sealed class DashboardTrustTests : IAsyncDisposable
{
    private const string Password = "s3cret-Pass";
    private readonly TempFolder _temp = new();
    private WebApplication? _app;

    private static Dictionary<string, string?> Operators(int iterations = 1000) => new()
    {
        ["Dashboard:Users:0:Name"] = "ops",
        ["Dashboard:Users:0:PasswordHash"] = DashboardAccess.HashPassword(Password, iterations),
    };

    [Theory]
    [InlineData("X-Forwarded-For", "203.0.113.9")]
    [InlineData("Forwarded", "for=203.0.113.9;proto=https")]
    public async Task Dashboard_ShouldRefuseARequestALocalProxyForwarded_WhenNoOperatorIsConfigured(string header, string value)
    {
        await StartAsync();

        var direct = await SendAsync("/hangfire", "127.0.0.1");
        var forwarded = await SendAsync("/hangfire", "127.0.0.1", headers: (header, value));

        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forwarded.StatusCode);
    }

    [Fact]
    public async Task Dashboard_ShouldAskEveryoneToSignIn_WhenOperatorsAreConfigured_EvenThroughALocalProxy()
    {
        await StartAsync(Operators());

        var throughProxy = await SendAsync("/hangfire/prosperity/operations", "127.0.0.1", headers: ("X-Forwarded-For", "203.0.113.9"));
        var plainLoopback = await SendAsync("/hangfire/prosperity/operations", "127.0.0.1");
        var signedIn = await SendAsync("/hangfire/prosperity/operations", "127.0.0.1", credentials: ("ops", Password), headers: ("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal(HttpStatusCode.Unauthorized, throughProxy.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, plainLoopback.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
    }

    [Fact]
    public async Task ForwardedHeaders_ShouldBeBelievedFromAKnownProxyOnly()
    {
        await StartAsync(new() { ["Dashboard:KnownProxies:0"] = "192.0.2.10" });

        // Another machine claiming to be local through a header: not a known proxy, not believed.
        var spoofed = await SendAsync("/hangfire", "198.51.100.7", headers: ("X-Forwarded-For", "127.0.0.1"));
        // The known proxy forwarding a remote client: the client is remote.
        var proxied = await SendAsync("/hangfire", "192.0.2.10", headers: ("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal(HttpStatusCode.Forbidden, spoofed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, proxied.StatusCode);
    }

    [Theory]
    [InlineData("rebound.example.com")]
    [InlineData("192.168.1.20")]
    public async Task Request_ShouldGet400_WhenTheHostIsNotAnAllowedName(string host)
    {
        await StartAsync();

        var rebound = await SendAsync("/hangfire/prosperity/operations", "127.0.0.1", host: host);
        var health = await SendAsync("/health", "127.0.0.1", host: host);
        var loopback = await SendAsync("/hangfire/prosperity/operations", "127.0.0.1", host: "127.0.0.1:5080");

        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, loopback.StatusCode);
    }

    [Fact]
    public async Task Request_ShouldBeAnsweredUnderAConfiguredHostName_AndOnlyThat()
    {
        await StartAsync(new() { ["Dashboard:AllowedHosts:0"] = "etl.example.org" });

        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/health", "127.0.0.1", host: "etl.example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync("/health", "127.0.0.1", host: "localhost")).StatusCode);
    }

    [Fact]
    public async Task Dashboard_ShouldRedirectToHttpsAndSendHsts_WhenOperatorsAndACertificateAreConfigured()
    {
        var settings = Operators();
        settings[DashboardHardening.CertificateKey] = "/etc/ssl/etl.pfx";
        settings["Serve:HttpsPort"] = "5443";
        settings["Dashboard:AllowedHosts:0"] = "etl.example.org";
        await StartAsync(settings);

        var plain = await SendAsync("/hangfire", "198.51.100.7", host: "etl.example.org");
        var secure = await SendAsync("/hangfire", "198.51.100.7", host: "etl.example.org", credentials: ("ops", Password), https: true);

        Assert.Equal(HttpStatusCode.PermanentRedirect, plain.StatusCode);
        Assert.Equal("https://etl.example.org:5443/hangfire", plain.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, secure.StatusCode);
        Assert.StartsWith("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ShouldWarnAtStartUp_WhenOperatorsSignInWithoutACertificate()
    {
        await StartAsync(Operators());
        await _app!.StopAsync();

        var log = string.Concat(Directory.EnumerateFiles(_temp.File("logs")).Select(File.ReadAllText));
        Assert.Contains("passwords cross the network in clear text", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_ShouldLockTheAddressOut_AfterFiveFailures_EvenWithTheRightPassword()
    {
        await StartAsync(Operators());

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("/hangfire", "198.51.100.7", credentials: ($"guess{i}", "wrong"))).StatusCode);
        }

        var locked = await SendAsync("/hangfire", "198.51.100.7", credentials: ("ops", Password));
        var elsewhere = await SendAsync("/hangfire", "198.51.100.8", credentials: ("ops", Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
    }

    [Fact]
    public async Task SignIn_ShouldLockTheUserOut_AfterFiveFailuresFromDifferentAddresses()
    {
        await StartAsync(Operators());

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync("/hangfire", $"198.51.100.{10 + i}", credentials: ("ops", "wrong"))).StatusCode);
        }

        var locked = await SendAsync("/hangfire", "198.51.100.99", credentials: ("ops", Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task SignIn_ShouldBeRateLimitedPerAddress_ByAspNetCoresRateLimiter()
    {
        var settings = Operators();
        settings["Dashboard:LockoutFailures"] = "1000";
        settings["Dashboard:SignInAttemptsPerMinute"] = "3";
        await StartAsync(settings);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await SendAsync("/hangfire", "198.51.100.7", credentials: ($"user{i}", "wrong"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public void SignIn_ShouldTakeAsLongForAnUnknownUserAsForAKnownOne()
    {
        var options = new DashboardSecurityOptions
        {
            Users = [new DashboardUser { Name = "ops", PasswordHash = DashboardAccess.HashPassword(Password, 200_000) }],
            LockoutFailures = 1000,
        };
        var guard = new SignInGuard(options);

        // The fastest of five of each: what the work costs, without the noise of a busy machine.
        var known = Enumerable.Range(0, 5).Min(i => Time(() => guard.Check("ops", "wrong", $"198.51.100.{i}")));
        var unknown = Enumerable.Range(0, 5).Min(i => Time(() => guard.Check($"nobody{i}", "wrong", $"198.51.100.{50 + i}")));

        // Before, an unknown name was refused in ~2 ms against ~59 ms for a known one.
        Assert.True(unknown > 0.6 * known, $"unknown {unknown:0.0} ms, known {known:0.0} ms");
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }

    [Fact]
    public void SignInGuard_ShouldRememberCheckedCredentials_SoTheNextRequestSkipsTheHash()
    {
        var options = new DashboardSecurityOptions { Users = [new DashboardUser { Name = "ops", PasswordHash = DashboardAccess.HashPassword(Password, 300_000) }] };
        var guard = new SignInGuard(options);

        var first = Stopwatch.StartNew();
        Assert.Equal(SignInOutcome.Accepted, guard.Check("ops", Password, "198.51.100.7").Outcome);
        first.Stop();
        var again = Stopwatch.StartNew();
        Assert.Equal(SignInOutcome.Accepted, guard.Check("ops", Password, "198.51.100.7").Outcome);
        again.Stop();

        Assert.True(guard.IsRemembered("ops", Password));
        Assert.False(guard.IsRemembered("ops", Password + "x"));
        Assert.True(again.Elapsed * 10 < first.Elapsed, $"first {first.Elapsed.TotalMilliseconds} ms, again {again.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Health_ShouldNeitherAuthenticateNorTellTheTarget_OnlyHealthyAndTheEngine()
    {
        await StartAsync(Operators());

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            responses.Add(await SendAsync("/health", "198.51.100.7", credentials: ("ops", "wrong")));
        }

        var body = await responses[^1].Content.ReadAsStringAsync();
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal("{\"status\":\"Healthy\",\"engine\":\"sqlite\"}", body);
        // The wrong passwords sent to /health were never checked: the address is not locked out.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync("/hangfire", "198.51.100.7", credentials: ("ops", Password))).StatusCode);
    }

    [Fact]
    public async Task Log_ShouldNotCarryALineBreakFromTheUserName_WhenASignInIsRefused()
    {
        await StartAsync(Operators());

        await SendAsync("/hangfire", "198.51.100.7", credentials: ("ops\n[12.00.00 INF] Dashboard sign-in accepted for admin", "wrong"));
        await _app!.StopAsync();

        var log = string.Concat(Directory.EnumerateFiles(_temp.File("logs")).Select(File.ReadAllText));
        Assert.True(log.Contains("ops\\\\u000A[12.00.00 INF] Dashboard sign-in accepted for admin", StringComparison.Ordinal), log);
        Assert.DoesNotContain("ops\\n[12", log, StringComparison.Ordinal);
    }

    private async Task StartAsync(Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Warehouse"] = _temp.File("warehouse.db"),
            ["Inbox:Path"] = _temp.File("inbox"),
            ["Inbox:ArchivePath"] = _temp.File("archive"),
            ["Inbox:RejectedPath"] = _temp.File("rejected"),
            ["Jobs:RunServer"] = "false",
            ["Logging:File"] = _temp.File("logs/prosperity-.clef"),
            ["Serve:KeysPath"] = _temp.File("keys"),
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        _app = await OperationsWebHost.BuildAsync(configuration, null, null, b => b.WebHost.UseTestServer());
        await _app.StartAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string clientAddress, string host = "localhost",
        (string User, string Password)? credentials = null, bool https = false, params (string Name, string Value)[] headers)
    {
        var server = _app!.GetTestServer();
        var address = IPAddress.Parse(clientAddress);
        using var client = new HttpClient(server.CreateHandler(http => http.Connection.RemoteIpAddress = address))
        {
            BaseAddress = new Uri((https ? "https://" : "http://") + host),
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        if (credentials is { } c)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{c.User}:{c.Password}")));
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _temp.Dispose();
    }
}
