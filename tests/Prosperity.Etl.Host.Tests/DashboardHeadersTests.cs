using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Prosperity.Etl.Host.Web;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>Security headers on every page, bad uploads answered 4xx with nothing left behind, Hangfire's command routes, the keys at rest.</summary>
public sealed class DashboardHeadersTests : IAsyncDisposable
{
    private readonly TempFolder _temp = new();
    private WebApplication? _app;

    [Theory]
    [InlineData("/hangfire")]
    [InlineData("/hangfire/recurring")]
    [InlineData("/hangfire/jobs/succeeded")]
    [InlineData("/hangfire/css18251")]
    [InlineData("/hangfire/prosperity/operations")]
    [InlineData("/hangfire/prosperity/completeness")]
    [InlineData("/health")]
    [InlineData("/")]
    public async Task Response_ShouldCarryTheSecurityHeaders_OnEveryPage(string path)
    {
        var client = await ClientAsync();

        var response = await client.GetAsync(path);

        Assert.True((int)response.StatusCode < 500, $"{path}: {response.StatusCode}");
        Assert.Equal(DashboardHardening.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", DashboardHardening.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Pages_ShouldNeedNoInlineScript_SoTheCspBlocksInjectedOnes()
    {
        var client = await ClientAsync();

        foreach (var path in new[] { "/hangfire", "/hangfire/recurring", "/hangfire/prosperity/operations", "/hangfire/prosperity/completeness" })
        {
            var html = await client.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\ssrc=)[^>]*>\\s*\\S", html);
        }
    }

    [Theory]
    [InlineData("/hangfire/jobs/enqueued/delete")]
    [InlineData("/hangfire/jobs/failed/requeue")]
    [InlineData("/hangfire/jobs/scheduled/enqueue")]
    [InlineData("/hangfire/recurring/trigger")]
    [InlineData("/hangfire/recurring/remove")]
    [InlineData("/hangfire/jobs/actions/delete/1")]
    [InlineData("/hangfire/prosperity/upload")]
    public async Task Get_ShouldBeRefusedWith405_OnACommandRoute(string path)
    {
        var client = await ClientAsync();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Upload_ShouldAnswer413AndLeaveNothing_WhenTheBodyIsOverTheMultipartLimit()
    {
        var client = await ClientAsync(new() { ["Inbox:MaxUploadBytes"] = "1000" });

        var response = await UploadAsync(client, "big.xlsx", new byte[3 << 20]);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(_temp.File("inbox"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Upload_ShouldAnswer400_WhenTheMultipartBodyIsMalformed()
    {
        var client = await ClientAsync();
        var (cookie, _) = await TokenAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/prosperity/upload")
        {
            Content = new ByteArrayContent(Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"a.xlsx\"\r\n\r\nPK\u0003\u0004 cut short")),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");
        request.Headers.Add("Cookie", cookie);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Directory.EnumerateFiles(_temp.File("inbox"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Upload_ShouldLeaveNoTemporaryFile_WhenTheFileCannotBeWritten()
    {
        var client = await ClientAsync();
        // A directory stands where the file would go: the temporary file is written, the rename fails.
        Directory.CreateDirectory(_temp.File(Path.Combine("inbox", "330602", "330602-2025Q3.xlsx")));

        var response = await UploadAsync(client, "330602-2025Q3.xlsx", new byte[2000], district: "330602");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.StartsWith("330602/330602-2025Q3.xlsx could not be written into the inbox", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(_temp.File("inbox"), "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Keys_ShouldBeInAFolderOnlyTheServiceAccountMayEnter()
    {
        Skip.If(OperatingSystem.IsWindows(), "Windows protects the keys with DPAPI instead.");
        var client = await ClientAsync();
        await TokenAsync(client);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_temp.File("keys")));
        }
    }

    [Fact]
    public async Task Keys_ShouldBeEncryptedAtRest_WhenACertificateIsConfigured()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Prosperity.Etl keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var pfx = _temp.File("keys.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-pass"));
        var client = await ClientAsync(new() { [KeyProtection.CertificateKey] = pfx, [KeyProtection.CertificatePasswordKey] = "pfx-pass" });

        await TokenAsync(client);

        var key = await File.ReadAllTextAsync(Directory.EnumerateFiles(_temp.File("keys"), "key-*.xml").Single());
        Assert.Contains("encryptedSecret", key, StringComparison.Ordinal);
        Assert.DoesNotContain("<masterKey", key, StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientAsync(Dictionary<string, string?>? settings = null)
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

        Directory.CreateDirectory(_temp.File("inbox"));
        _app = await OperationsWebHost.BuildAsync(new ConfigurationBuilder().AddInMemoryCollection(values).Build(), null, null, b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        var server = _app.GetTestServer();
        return new HttpClient(server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Loopback)) { BaseAddress = server.BaseAddress };
    }

    private static async Task<(string Cookie, string Token)> TokenAsync(HttpClient client)
    {
        var page = await client.GetAsync("/hangfire/prosperity/operations");
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var match = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        return (cookie, WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string fileName, byte[] bytes, string district = "")
    {
        var (cookie, token) = await TokenAsync(client);
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(file, "workbook", fileName);
        content.Add(new StringContent(district), "district");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/prosperity/upload") { Content = content };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
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
