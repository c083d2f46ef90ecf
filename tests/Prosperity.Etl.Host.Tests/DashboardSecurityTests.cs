using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Host.Web;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// The dashboard's and operator pages' protections, through the real ASP.NET Core pipeline (on
/// the in-memory test server, with the client address set per test).
/// </summary>
public sealed partial class DashboardSecurityTests : IAsyncDisposable
{
    private const string Remote = "10.20.30.40";
    private readonly TempFolder _temp = new();
    private WebApplication? _app;

    [Fact]
    public async Task Dashboard_ShouldAnswerLocalRequests_AndRefuseRemoteOnes_WhenNoOperatorIsConfigured()
    {
        var local = await ClientAsync("127.0.0.1");
        var remote = await ClientAsync(Remote, reuse: true);

        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/hangfire/prosperity/completeness")).StatusCode);
        var refused = await remote.GetAsync("/hangfire/prosperity/completeness");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("local requests only", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await remote.GetAsync("/hangfire/recurring")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync("/health")).StatusCode);
        // The rankings page, its scripts and its API: the dashboard's rule.
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/rankings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/api/rankings?period=2025Q3")).StatusCode);
        foreach (var path in new[] { "/rankings", "/rankings/chart.umd.min.js", "/api/rankings", "/api/rankings/page" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await remote.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task Dashboard_ShouldAskRemoteRequestsToSignIn_AndLetAConfiguredOperatorIn()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Dashboard:Users:0:Name"] = "ops",
            ["Dashboard:Users:0:PasswordHash"] = DashboardAccess.HashPassword("s3cret-Pass", iterations: 1000),
        };
        var remote = await ClientAsync(Remote, settings);

        var anonymous = await remote.GetAsync("/hangfire");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        remote.DefaultRequestHeaders.Authorization = Basic("ops", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await remote.GetAsync("/hangfire")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await remote.GetAsync("/api/rankings")).StatusCode);

        remote.DefaultRequestHeaders.Authorization = Basic("ops", "s3cret-Pass");
        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync("/hangfire")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync("/rankings")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await remote.GetAsync("/hangfire/prosperity/operations")).StatusCode);
    }

    [Fact]
    public async Task Post_ShouldBeRefused_WhenTheAntiforgeryTokenIsMissing()
    {
        var local = await ClientAsync("127.0.0.1");
        var (cookie, token) = await TokenAsync(local);

        using var withoutToken = new HttpRequestMessage(HttpMethod.Post, "/hangfire/prosperity/recompute") { Content = Form(("period", "2025Q3")) };
        withoutToken.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Forbidden, (await local.SendAsync(withoutToken)).StatusCode);

        // Hangfire's own "Trigger now" is guarded the same way.
        using var trigger = new HttpRequestMessage(HttpMethod.Post, "/hangfire/recurring/trigger") { Content = Form(("jobs[]", "nightly-import")) };
        trigger.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Forbidden, (await local.SendAsync(trigger)).StatusCode);

        using var withToken = new HttpRequestMessage(HttpMethod.Post, "/hangfire/prosperity/recompute") { Content = Form(("period", "2025Q3"), ("__RequestVerificationToken", token)) };
        withToken.Headers.Add("Cookie", cookie);
        var accepted = await local.SendAsync(withToken);
        Assert.Equal(HttpStatusCode.SeeOther, accepted.StatusCode);
        Assert.Contains("Rankings of 2025Q3 are recomputed by job", Uri.UnescapeDataString(accepted.Headers.Location!.OriginalString), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../escape.xlsx", "")]
    [InlineData("..\\escape.xlsx", "")]
    [InlineData("escape.xlsx", "../..")]
    [InlineData("escape.exe", "")]
    public async Task Upload_ShouldRefuseAndWriteNothing_WhenTheNameOrFolderWouldLeaveTheInbox(string fileName, string district)
    {
        var local = await ClientAsync("127.0.0.1");

        var response = await UploadAsync(local, fileName, district, new byte[100]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(_temp.Path, "escape.*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(Path.GetTempPath(), "escape.xlsx", SearchOption.TopDirectoryOnly));
    }

    [Fact]
    public async Task Upload_ShouldPutTheWorkbookInTheDistrictsFolder_WhenTheNameIsPlain()
    {
        var local = await ClientAsync("127.0.0.1");
        var workbook = _temp.File("source.xlsx");
        new WorkbookBuilder().Save(workbook);

        var response = await UploadAsync(local, "330602-2025Q3.xlsx", "330602", await File.ReadAllBytesAsync(workbook));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(workbook), await File.ReadAllBytesAsync(Path.Combine(_temp.Path, "inbox", "330602", "330602-2025Q3.xlsx")));
        Assert.Equal(HttpStatusCode.SeeOther, (await UploadAsync(local, "330602-2025Q3.xlsx", "330602", [1, 2, 3])).StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(workbook), await File.ReadAllBytesAsync(Path.Combine(_temp.Path, "inbox", "330602", "330602-2025Q3.xlsx")));
    }

    [Fact]
    public async Task Upload_ShouldBeRefused_WhenTheFileIsLargerThanTheLimit()
    {
        var local = await ClientAsync("127.0.0.1", new Dictionary<string, string?> { ["Inbox:MaxUploadBytes"] = "1000" });

        var response = await UploadAsync(local, "big.xlsx", "", new byte[5000]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("upload limit of 1,000 bytes", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "inbox", "big.xlsx")));
    }

    [Fact]
    public async Task Health_ShouldReportHealthyAndTheEngine_WhenTheWarehouseAndTheJobStorageAnswer()
    {
        var local = await ClientAsync("127.0.0.1");

        var response = await local.GetAsync("/health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"Healthy\",\"engine\":\"sqlite\"}", body);
    }

    [Theory]
    [InlineData("Jobs:TimeZone", "Mars/Olympus", "Jobs:TimeZone 'Mars/Olympus' is not a time zone")]
    [InlineData("Jobs:NightlyImportCron", "every night", "Jobs:NightlyImportCron 'every night' is not a cron expression")]
    public async Task Serve_ShouldStopWithAUsageError_WhenTheScheduleIsMisconfigured(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<UsageException>(() => ClientAsync("127.0.0.1", new Dictionary<string, string?> { [key] = value }));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_ShouldSayItCannotListen_WhenThePortIsTaken()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var error = new StringWriter();

        var exit = await new Cli.ProsperityCli(TextWriter.Null, error).RunAsync(["serve", "--urls", $"http://127.0.0.1:{port}", "--db", "sqlite:" + _temp.File("w.db")]);

        Assert.Equal(2, exit);
        Assert.StartsWith($"prosperity: Cannot listen on http://127.0.0.1:{port}:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void VerifyPassword_ShouldAcceptOnlyTheHashedPassword()
    {
        var hash = DashboardAccess.HashPassword("correct horse", iterations: 1000);

        Assert.True(DashboardAccess.VerifyPassword("correct horse", hash));
        Assert.False(DashboardAccess.VerifyPassword("correct horse ", hash));
        Assert.False(DashboardAccess.VerifyPassword("correct horse", "plain-text"));
    }

    [Fact]
    public async Task PasswordHash_ShouldPrintAHashOfTheStandardInput_AndRefuseAnEmptyOne()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await new Cli.ProsperityCli(output, error, new StringReader("s3cret-Pass\n")).RunAsync(["password-hash"]);
        var empty = await new Cli.ProsperityCli(TextWriter.Null, error, new StringReader(string.Empty)).RunAsync(["password-hash"]);

        Assert.Equal((0, 2), (exit, empty));
        var hash = output.ToString().Trim();
        Assert.StartsWith("pbkdf2-sha256$210000$", hash, StringComparison.Ordinal);
        Assert.True(DashboardAccess.VerifyPassword("s3cret-Pass", hash));
        Assert.Contains("Give the password on standard input", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientAsync(string clientAddress, Dictionary<string, string?>? settings = null, bool reuse = false)
    {
        if (!reuse || _app is null)
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

        var server = _app.GetTestServer();
        var address = IPAddress.Parse(clientAddress);
        var handler = server.CreateHandler(http =>
        {
            // What Kestrel would take from the socket.
            http.Connection.RemoteIpAddress = address;
            http.Connection.LocalIpAddress = IPAddress.Parse("192.0.2.1");
        });
        return new HttpClient(handler) { BaseAddress = server.BaseAddress };
    }

    private static async Task<(string Cookie, string Token)> TokenAsync(HttpClient client)
    {
        var page = await client.GetAsync("/hangfire/prosperity/operations");
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(token);
        return (cookie, WebUtility.HtmlDecode(token));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, string district, byte[] bytes)
    {
        var (cookie, token) = await TokenAsync(client);
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        // Set by hand: HttpClient would escape the name, and a hostile client would not.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"workbook\"", FileName = "\"" + fileName.Replace("\\", "\\\\", StringComparison.Ordinal) + "\"" };
        content.Add(file);
        content.Add(new StringContent(district), "district");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/prosperity/upload") { Content = content };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static AuthenticationHeaderValue Basic(string user, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

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
