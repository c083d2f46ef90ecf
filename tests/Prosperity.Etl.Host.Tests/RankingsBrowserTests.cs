using System.Text.Json.Nodes;
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
/// Opens <c>/rankings</c> of the real server in headless Chromium (driven through the DevTools
/// protocol), changes the indicator, the peer group and the highlighted region as a user does, and
/// checks the table and the bar chart's data against the figures imported (the demo's returns and
/// the sample province bulletin). Screenshots of the city and the county group go to
/// artifacts/screenshots.
/// </summary>
public sealed class RankingsBrowserTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private static readonly string Chromium = Environment.GetEnvironmentVariable("PROSPERITY_CHROMIUM") ?? "/usr/bin/chromium";
    private readonly TempFolder _temp = new();
    private WebApplication? _app;
    private string _address = string.Empty;

    // What the page shows: the table's rows (rank, region, value cells) and the bar chart's labels, values and colours.
    private const string ReadPage = """
        (() => {
          const chart = Chart.getChart(document.getElementById('bars'));
          const ds = chart.data.datasets[0];
          return {
            rows: [...document.querySelectorAll('#rows tr')].map(tr => ({ cells: [...tr.cells].map(td => td.textContent), chosen: tr.className === 'chosen' })),
            labels: chart.data.labels, values: ds.data, colours: ds.backgroundColor,
            caption: document.getElementById('caption').textContent,
            title: document.getElementById('table-title').textContent,
            history: Chart.getChart(document.getElementById('history')).data.datasets[0].data,
          };
        })()
        """;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            return;
        }

        var warehouse = "sqlite:" + _temp.File("warehouse.db");
        var returns = _temp.File("returns");
        DemoSubmissions.WriteAll(ReferenceCatalog.Default, returns, overwrite: true);
        ProvinceBulletin.Write(Path.Combine(returns, "bulletins", ProvinceBulletin.FileName));
        var import = await CliRunner.RunAsync("import", returns, "--db", warehouse);
        Assert.True(import.Exit == 0, import.Out + import.Err);
        // 2025Q3 is published; 2025Q2 has approved figures only.
        var publish = await CliRunner.RunAsync("publish", "--period", "2025Q3", "--db", warehouse);
        Assert.True(publish.Exit == 0, publish.Out + publish.Err);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Inbox:Path"] = _temp.File("inbox"),
            ["Inbox:ArchivePath"] = _temp.File("archive"),
            ["Inbox:RejectedPath"] = _temp.File("rejected"),
            ["Logging:File"] = _temp.File("logs/prosperity-.clef"),
            ["Serve:KeysPath"] = _temp.File("keys"),
            ["Jobs:RunServer"] = "false",
        }).Build();
        _app = await OperationsWebHost.BuildAsync(configuration, warehouse, "http://127.0.0.1:0");
        await _app.StartAsync();
        _address = _app.Urls.Single();
    }

    [SkippableFact]
    public async Task Rankings_ShouldFollowTheIndicatorAndTheHighlightedRegion_InABrowser()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed (.ci/run installs Debian's chromium); set PROSPERITY_CHROMIUM to use another.");
        var shots = Path.Combine(RepositoryFolder.Find("tests"), "..", "artifacts", "screenshots");
        await using var browser = await HeadlessChromium.StartAsync(Chromium, _temp.File("chromium-profile"), 1400, 1000);

        // No period asked for: the page opens on the latest quarter with data (2025Q3), not the calendar's.
        await browser.NavigateAsync(_address + "/rankings", "document.body.dataset.ready === 'true'");
        Assert.Equal("2025Q3", (string?)await browser.EvaluateAsync("document.getElementById('period').value"));
        Assert.Equal("http://127.0.0.1", ((string?)await browser.EvaluateAsync("document.querySelector('script[src]').src"))![..16]); // served by the product, no CDN

        // The cities of Zhejiang, urban income, Shaoxing highlighted: all 11 cities from the bulletin and Shaoxing's own return.
        await PickAsync(browser, "group", "city:330000");
        await PickAsync(browser, "indicator", "INC_URBAN_PC");
        await PickAsync(browser, "region", "330600");
        var page = (await browser.EvaluateAsync(ReadPage))!;
        Assert.Equal(11, page["rows"]!.AsArray().Count);
        Assert.Equal("11 of 11 ranked, 0 missing; higher is better 越高越好", (string?)page["caption"]);
        Assert.Equal(["1", "杭州市 Hangzhou", "73,460"], Cells(page, 0, 0, 2, 3));
        Assert.Equal(["3", "绍兴市 Shaoxing", "69,987"], Cells(page, 2, 0, 2, 3)); // Shaoxing's own return, third as the bulletin says
        Assert.True((bool)page["rows"]![2]!["chosen"]!);
        Assert.Equal(11, page["labels"]!.AsArray().Count);
        Assert.Equal(73_460m, (decimal)page["values"]![0]!);
        Assert.Equal("绍兴市", (string?)page["labels"]![2]);
        Assert.Equal(["#5b9bd5", "#5b9bd5", "#f97316"], page["colours"]!.AsArray().Take(3).Select(c => (string)c!));
        Assert.Single(page["colours"]!.AsArray(), c => (string?)c == "#f97316");
        Assert.StartsWith("已发布 Published. 2025Q3: published as release 1 on ", (string?)await browser.EvaluateAsync("document.getElementById('publication').textContent"), StringComparison.Ordinal);
        await browser.ScreenshotAsync(Path.Combine(shots, "rankings-city.png"));

        // Another indicator (the urban-rural ratio, lower is better) and another region highlighted (Jiaxing, first at 1.37).
        await PickAsync(browser, "indicator", "RATIO_URBAN_RURAL");
        await PickAsync(browser, "region", "330400");
        page = (await browser.EvaluateAsync(ReadPage))!;
        Assert.StartsWith("城乡居民收入比", (string?)page["title"], StringComparison.Ordinal);
        Assert.Equal(["1", "嘉兴市 Jiaxing", "1.37"], Cells(page, 0, 0, 2, 3));
        Assert.True((bool)page["rows"]![0]!["chosen"]!);
        Assert.False((bool)page["rows"]![2]!["chosen"]!);
        Assert.Equal(1.37m, (decimal)page["values"]![0]!);
        Assert.Equal("#f97316", (string?)page["colours"]![0]);
        Assert.Equal(1.78m, page["values"]!.AsArray().Max(v => (decimal)v!)); // Wenzhou, last
        // The table and the chart show the same figures, in the same order.
        Assert.Equal(page["rows"]!.AsArray().Select(r => decimal.Parse((string)r!["cells"]![3]!, System.Globalization.CultureInfo.InvariantCulture)),
            page["values"]!.AsArray().Select(v => (decimal)v!));

        // The composite index of the cities: only Shaoxing sends a return, so no index is published, and the page says why.
        await PickAsync(browser, "indicator", "SP_INDEX");
        page = (await browser.EvaluateAsync(ReadPage))!;
        Assert.Empty(page["rows"]!.AsArray());
        Assert.StartsWith("不发布：", (string?)page["caption"], StringComparison.Ordinal);
        Assert.Contains("fewer than 5", (string?)page["caption"], StringComparison.Ordinal);

        // The county-level units of Shaoxing, rural income, Xinchang highlighted; its rank over three quarters.
        await PickAsync(browser, "group", "county:330600");
        await PickAsync(browser, "indicator", "INC_RURAL_PC");
        await PickAsync(browser, "region", "330624");
        page = (await browser.EvaluateAsync(ReadPage))!;
        Assert.Equal(6, page["rows"]!.AsArray().Count);
        Assert.Equal(["1", "柯桥区 Keqiao District", "52,378"], Cells(page, 0, 0, 2, 3));
        Assert.Equal(["6", "新昌县 Xinchang County", "39,716"], Cells(page, 5, 0, 2, 3));
        Assert.Equal("#f97316", (string?)page["colours"]![5]);
        Assert.Equal([6, 6, 6], page["history"]!.AsArray().Where(v => v is not null).Select(v => (int)v!));
        await browser.ScreenshotAsync(Path.Combine(shots, "rankings-county.png"));

        // An earlier quarter that was never published is marked provisional.
        await PickAsync(browser, "period", "2025Q2");
        Assert.Equal("未发布 Provisional: approved figures, not yet published. 2025Q2: not yet published",
            (string?)await browser.EvaluateAsync("document.getElementById('publication').textContent"));
        output.WriteLine($"screenshots in {Path.GetFullPath(shots)}");
        Assert.True(new FileInfo(Path.Combine(shots, "rankings-county.png")).Length > 10_000, "the screenshot is empty");
    }

    [SkippableFact]
    public async Task Api_ShouldAnswerTheRowsOfRankAsJson()
    {
        Skip.IfNot(File.Exists(Chromium), $"{Chromium} is not installed; this class serves the warehouse only where the browser test runs.");
        using var http = new HttpClient { BaseAddress = new Uri(_address) };

        var served = await http.GetStringAsync(new Uri("/api/rankings?period=2025Q3&level=city&indicator=INC_RURAL_PC", UriKind.Relative));
        var rank = await CliRunner.RunAsync("rank", "--db", "sqlite:" + _temp.File("warehouse.db"), "--period", "2025Q3", "--level", "city", "--indicator", "INC_RURAL_PC", "--format", "json");

        Assert.Equal(JsonNode.Parse(rank.Out)!.ToJsonString(), JsonNode.Parse(served)!.ToJsonString());
        var bad = await http.GetAsync(new Uri("/api/rankings?period=2025Q5", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("write it like 2025Q3", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string[] Cells(JsonNode page, int row, params int[] columns) =>
        columns.Select(c => (string)page["rows"]![row]!["cells"]![c]!).ToArray();

    // As a user does: choose the option and let the page hear the change.
    private static async Task PickAsync(HeadlessChromium browser, string select, string value)
    {
        var found = await browser.EvaluateAsync($$"""
            (() => {
              const s = document.getElementById('{{select}}');
              if (![...s.options].some(o => o.value === '{{value}}')) return false;
              s.value = '{{value}}';
              s.dispatchEvent(new Event('change'));
              return true;
            })()
            """);
        Assert.True(found?.GetValue<bool>() == true, $"the {select} picker has no option {value}");
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
