using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Host.Output;
using Prosperity.Etl.Publishing;
using Prosperity.Etl.Ranking;

namespace Prosperity.Etl.Host.Web;

/// <summary>
/// The live rankings page of <c>prosperity serve</c>: <c>/rankings</c> (the page of
/// <c>report --html</c>, its scripts served by the product, no CDN), <c>/api/rankings</c> (the rows of
/// <c>rank --format json</c>) and <c>/api/rankings/page</c> (the page's data with the rank history).
/// Behind the dashboard's authorization (<see cref="OperationsWebHost"/> puts these paths in its branch).
/// </summary>
public static class RankingPages
{
    /// <summary>The page.</summary>
    public const string PagePath = "/rankings";

    /// <summary>The rows, as <c>rank --format json</c>.</summary>
    public const string ApiPath = "/api/rankings";

    /// <summary>True for a path these pages answer (the dashboard's authorization applies to them).</summary>
    public static bool Covers(PathString path) =>
        path.StartsWithSegments(PagePath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase);

    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app, string dashboardPath)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(PagePath, (HttpContext http) =>
        {
            var query = http.Request.QueryString.HasValue ? http.Request.QueryString.Value! : string.Empty;
            var basePath = http.Request.PathBase.Value ?? string.Empty;
            var html = RankingPageWriter.RenderServed(basePath + PagePath, basePath + ApiPath + "/page" + query,
                [("Dashboard 仪表板", basePath + dashboardPath), ("Completeness 报送情况", basePath + dashboardPath + OperatorPages.CompletenessRoute),
                 ("Operations 操作", basePath + dashboardPath + OperatorPages.OperationsRoute)]);
            return Results.Content(html, "text/html; charset=utf-8");
        });
        app.MapGet(PagePath + "/{file}", (string file, HttpContext http) =>
        {
            if (RankingPageWriter.Script(file) is not { } script)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Text(script, "text/javascript; charset=utf-8");
        });
        app.MapGet(ApiPath, async (HttpContext http, CancellationToken ct) =>
        {
            var (period, error) = await PeriodAsync(http, ct);
            if (error is not null)
            {
                return error;
            }

            var levelText = http.Request.Query["level"].ToString();
            var level = levelText.Length == 0 ? PeerLevel.County : PeerGroup.ParseLevel(levelText);
            if (level is null && levelText != "all")
            {
                return Problem("level", $"'{levelText}' is not a peer level; give city, county, province-county or all.");
            }

            var indicator = http.Request.Query["indicator"].ToString() is { Length: > 0 } code ? code : null;
            var catalog = http.RequestServices.GetRequiredService<Reference.ReferenceCatalog>();
            if (indicator is not null && catalog.FindIndicator(indicator) is null && !string.Equals(indicator, CompositeIndex.Code, StringComparison.OrdinalIgnoreCase))
            {
                return Problem("indicator", $"Unknown indicator code '{indicator}'.");
            }

            if (indicator is not null && catalog.FindIndicator(indicator) is { IsPopulation: true })
            {
                return Problem("indicator", $"{indicator} is the resident population, which is not ranked.");
            }

            var service = http.RequestServices.GetRequiredService<RankingService>();
            var tables = level is { } l
                ? await service.RankAsync(period, l, indicator, ct)
                : (await service.RankAllLevelsAsync(period, ct)).Where(t => indicator is null || string.Equals(t.Indicator.Code, indicator, StringComparison.OrdinalIgnoreCase)).ToList();
            var json = new StringWriter();
            RankingWriter.WriteJson(json, tables);
            return Results.Text(json.ToString(), "application/json; charset=utf-8");
        });
        app.MapGet(ApiPath + "/page", async (HttpContext http, CancellationToken ct) =>
        {
            var (period, error) = await PeriodAsync(http, ct);
            if (error is not null)
            {
                return error;
            }

            var service = http.RequestServices.GetRequiredService<RankingService>();
            var tables = new List<RankingTable>();
            var q = period;
            for (var n = 0; n < Cli.ReportVerb.HistoryQuarters && q.Year >= Period.MinYear; n++, q = q.Previous)
            {
                tables.AddRange(await service.RankAllLevelsAsync(q, ct));
            }

            var marks = await PublicationMarks.LoadAsync(http.RequestServices.GetRequiredService<Review.IReviewStore>(),
                tables.Select(t => t.Period).Append(period), http.RequestServices.GetRequiredService<OfficeTime>(), ct);
            var data = RankingPageWriter.PageData(period, tables, RankingMethod.Notes, marks);
            return Results.Text(JsonSerializer.Serialize(data), "application/json; charset=utf-8");
        });
    }

    // ?period=2025Q3, or the latest quarter that has accepted data (the latest ended quarter when nothing is loaded).
    private static async Task<(Period Period, IResult? Error)> PeriodAsync(HttpContext http, CancellationToken ct)
    {
        var text = http.Request.Query["period"].ToString();
        if (text.Length > 0)
        {
            return Period.TryParse(text, out var p) ? (p, null) : (default, Problem("period", $"'{text}' is not a period; write it like 2025Q3."));
        }

        return (await DefaultPeriodAsync(http.RequestServices, ct), null);
    }

    /// <summary>The quarter a page opens on: the latest with accepted data, else the latest ended quarter (China time).</summary>
    public static async Task<Period> DefaultPeriodAsync(IServiceProvider services, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        return await services.GetRequiredService<IOfficialValues>().GetLatestPeriodWithDataAsync(ct)
            ?? Period.LatestEnded(services.GetRequiredService<TimeProvider>().GetUtcNow());
    }

    private static IResult Problem(string parameter, string message) =>
        Results.Json(new { error = message, parameter }, statusCode: StatusCodes.Status400BadRequest);
}
