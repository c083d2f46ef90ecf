using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Host.Web;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// The review page of the dashboard, through the real ASP.NET Core pipeline: returns the inbox
/// loaded wait there with their issues; approve, return and publish are refused without the
/// antiforgery token and change nothing then; with it they act, once, as the signed-in operator,
/// and leave an audit row each time; a revision after publication needs its note and makes release 2.
/// </summary>
public abstract partial class ReviewPageTests : IAsyncDisposable
{
    private const string Operator = "wang.li";
    private const string Password = "Shaoxing-2025";
    private static readonly Period Q3 = new(2025, 3);
    private readonly InboxHarness _harness;
    private WebApplication? _app;

    protected ReviewPageTests(string engine) => _harness = InboxHarness.Create(engine);

    [SkippableFact]
    public async Task ReviewActions_ShouldBeRefusedWithoutTheToken_AndActAsTheSignedInOperatorWithIt()
    {
        var xinchang = _harness.Temp.File("330624_2025Q3.xlsx");
        new WorkbookBuilder().Save(xinchang);
        var shengzhou = new WorkbookBuilder().For(Some.Catalog.FindRegion("330683", Q3)!, Q3).WithValues(Some.Values(60_100m, 38_000m))
            .Save(_harness.Temp.File("330683_2025Q3.xlsx"));
        var imported = await CliRunner.RunReviewedAsync("import", xinchang, shengzhou, "--db", _harness.Db);
        Assert.True(imported.Exit == 0, imported.Out + imported.Err);
        var (first, second) = (await PendingAsync("330624"), await PendingAsync("330683"));

        var client = await ClientAsync();
        var page = await client.GetStringAsync("/hangfire/prosperity/review?period=2025Q3");
        Assert.Contains($"#{first}", page, StringComparison.Ordinal);
        Assert.Contains($"#{second}", page, StringComparison.Ordinal);
        Assert.Contains("新昌县", page, StringComparison.Ordinal);

        // Without the token: refused, and nothing changed.
        var (cookie, token) = await TokenAsync(client);
        foreach (var (route, fields) in new (string, (string, string)[])[]
        {
            ("approve", [("submission", first.ToString(CultureInfo.InvariantCulture))]),
            ("return", [("submission", second.ToString(CultureInfo.InvariantCulture)), ("reason", "收入偏低")]),
            ("publish", [("period", "2025Q3")]),
        })
        {
            using var refused = await PostAsync(client, cookie, route, fields);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal(("pending", "pending"), (await StatusAsync(first), await StatusAsync(second)));
        Assert.Equal(0, await ScalarAsync($"SELECT COUNT(*) FROM {_harness.Dialect.Table("etl", "review_action")} WHERE actor LIKE '%dashboard%'"));

        // With it: approve one, return the other with its reason, publish the quarter.
        Assert.StartsWith($"Approved #{first}", await ActAsync(client, cookie, token, "approve", ("submission", $"{first}"), ("note", "核对无误")), StringComparison.Ordinal);
        Assert.Contains("already approved", await ActAsync(client, cookie, token, "approve", ("submission", $"{first}")), StringComparison.Ordinal);
        var returned = await ActAsync(client, cookie, token, "return", ("submission", $"{second}"), ("reason", "城镇收入与上季度不衔接"));
        Assert.StartsWith($"Returned #{second}", returned, StringComparison.Ordinal);
        Assert.Contains("feedback workbook", returned, StringComparison.Ordinal);
        Assert.Contains("reason", await ActAsync(client, cookie, token, "return", ("submission", $"{first}"), ("reason", "")), StringComparison.Ordinal);
        Assert.Contains("release 1", await ActAsync(client, cookie, token, "publish", ("period", "2025Q3")), StringComparison.Ordinal);
        Assert.Contains("already published", await ActAsync(client, cookie, token, "publish", ("period", "2025Q3")), StringComparison.Ordinal);

        Assert.Equal(("accepted", "returned"), (await StatusAsync(first), await StatusAsync(second)));
        Assert.Equal($"{Operator} (dashboard)", await TextAsync($"SELECT approved_by FROM {_harness.Dialect.Submission} WHERE submission_id = {first}"));
        Assert.Equal($"{Operator} (dashboard)", await TextAsync($"SELECT published_by FROM {_harness.Dialect.Table("etl", "release")}"));
        // Every action left its row, the repeated ones as no-ops.
        Assert.Equal(2, await ScalarAsync($"SELECT COUNT(*) FROM {_harness.Dialect.Table("etl", "review_action")} WHERE actor = '{Operator} (dashboard)' AND outcome = 'no-op'"));
        Assert.Equal(3, await ScalarAsync($"SELECT COUNT(*) FROM {_harness.Dialect.Table("etl", "review_action")} WHERE actor = '{Operator} (dashboard)' AND outcome = 'done'"));
        Assert.True(File.Exists(_harness.Temp.File("330683_2025Q3.feedback.xlsx")), "the returned district's feedback workbook is written beside its file");

        // A correction after publication waits as a revision; it needs its note, then makes release 2.
        var correction = new WorkbookBuilder().WithValues(Some.Values(71_000m, 40_000m)).Save(_harness.Temp.File("330624_2025Q3_v2.xlsx"));
        var revised = await CliRunner.RunReviewedAsync("import", correction, "--db", _harness.Db);
        Assert.Contains("revision", revised.Out, StringComparison.Ordinal);
        var revision = await PendingAsync("330624");
        page = await client.GetStringAsync("/hangfire/prosperity/review?period=2025Q3");
        Assert.Contains($"#{revision}", page, StringComparison.Ordinal);
        Assert.Contains("修订", page, StringComparison.Ordinal);
        Assert.Contains("revision note", await ActAsync(client, cookie, token, "approve", ("submission", $"{revision}")), StringComparison.Ordinal);
        Assert.Equal("pending", await StatusAsync(revision));
        Assert.Contains("release 2", await ActAsync(client, cookie, token, "approve", ("submission", $"{revision}"), ("note", "城镇收入更正")), StringComparison.Ordinal);
        Assert.Equal(("accepted", "superseded"), (await StatusAsync(revision), await StatusAsync(first)));
        Assert.Equal(71_000m, decimal.Parse(await TextAsync($"""
            SELECT value FROM {_harness.Dialect.Table("bi", "indicator_value_current")} WHERE region_code = '330624' AND period_code = '2025Q3' AND indicator_code = 'INC_URBAN_PC'
            """), CultureInfo.InvariantCulture));
    }

    private async Task<HttpClient> ClientAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inbox:Path"] = _harness.Inbox,
            ["Inbox:ArchivePath"] = _harness.Archive,
            ["Inbox:RejectedPath"] = _harness.Rejected,
            ["Jobs:RunServer"] = "false",
            ["Logging:File"] = _harness.Temp.File("logs/prosperity-.clef"),
            ["Serve:KeysPath"] = _harness.Temp.File("keys"),
            ["Dashboard:Users:0:Name"] = Operator,
            ["Dashboard:Users:0:PasswordHash"] = DashboardAccess.HashPassword(Password, iterations: 1000),
        }).Build();
        _app = await OperationsWebHost.BuildAsync(configuration, _harness.Db, null, b => b.WebHost.UseTestServer());
        await _app.StartAsync();
        var server = _app.GetTestServer();
        var handler = server.CreateHandler(http =>
        {
            // A reviewer's browser on the office network: signed in, not a local request.
            http.Connection.RemoteIpAddress = IPAddress.Parse("10.20.30.40");
            http.Connection.LocalIpAddress = IPAddress.Parse("192.0.2.1");
        });
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Operator}:{Password}")));
        return client;
    }

    private static async Task<(string Cookie, string Token)> TokenAsync(HttpClient client)
    {
        var page = await client.GetAsync("/hangfire/prosperity/review");
        var cookie = string.Join("; ", page.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(token);
        return (cookie, WebUtility.HtmlDecode(token));
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string cookie, string route, IEnumerable<(string Key, string Value)> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hangfire/prosperity/" + route)
        {
            Content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        };
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    // Posts with the token and returns the notice the page is redirected to show.
    private static async Task<string> ActAsync(HttpClient client, string cookie, string token, string route, params (string Key, string Value)[] fields)
    {
        using var response = await PostAsync(client, cookie, route, [.. fields, ("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = Uri.UnescapeDataString(response.Headers.Location!.OriginalString);
        Assert.StartsWith("/hangfire/prosperity/review?", location, StringComparison.Ordinal);
        var shown = await client.GetStringAsync(response.Headers.Location!.OriginalString);
        var notice = location[(location.IndexOf("message=", StringComparison.Ordinal) is >= 0 and var m ? m + 8 : location.IndexOf("error=", StringComparison.Ordinal) + 6)..];
        Assert.Contains(WebUtility.HtmlEncode(notice.Split('&')[0])[..Math.Min(20, notice.Length)], shown, StringComparison.Ordinal);
        return notice;
    }

    private async Task<long> PendingAsync(string region) => await ScalarAsync($"""
        SELECT MAX(submission_id) FROM {_harness.Dialect.Submission} WHERE region_code = '{region}' AND status = 'pending'
        """);

    private Task<string> StatusAsync(long submission) => TextAsync($"SELECT status FROM {_harness.Dialect.Submission} WHERE submission_id = {submission}");

    private async Task<long> ScalarAsync(string sql)
    {
        await using DbConnection c = _harness.Connect();
        return await c.ExecuteScalarAsync<long>(sql);
    }

    private async Task<string> TextAsync(string sql)
    {
        await using DbConnection c = _harness.Connect();
        return Convert.ToString(await c.ExecuteScalarAsync<object>(sql), CultureInfo.InvariantCulture)!;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        _harness.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The review page over the embedded SQLite warehouse.</summary>
public sealed class SqliteReviewPageTests() : ReviewPageTests("sqlite");

/// <summary>The review page over PostgreSQL.</summary>
public sealed class PostgresReviewPageTests() : ReviewPageTests("postgres");
