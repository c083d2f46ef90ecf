using System.Globalization;
using System.Net;
using System.Text;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Prosperity.Etl.Host.Web;

/// <summary>
/// The operator's pages inside the Hangfire dashboard (its routes and navigation menu), behind the
/// same authorization and antiforgery checks as the dashboard's own pages.
/// </summary>
public static class OperatorPages
{
    public const string OperationsRoute = "/prosperity/operations";
    public const string CompletenessRoute = "/prosperity/completeness";
    public const string UploadRoute = "/prosperity/upload";
    public const string ReimportRoute = "/prosperity/reimport";
    public const string RecomputeRoute = "/prosperity/recompute";
    public const string RunImportRoute = "/prosperity/run-import";
    public const string ReviewRoute = "/prosperity/review";
    public const string ApproveRoute = "/prosperity/approve";
    public const string ReturnRoute = "/prosperity/return";
    public const string PublishRoute = "/prosperity/publish";

    private static int _registered;

    /// <summary>Adds the routes and menu items once per process (Hangfire keeps them in static collections).</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) != 0)
        {
            return;
        }

        DashboardRoutes.Routes.AddRazorPage(OperationsRoute, _ => new OperationsPage());
        DashboardRoutes.Routes.AddRazorPage(CompletenessRoute, _ => new CompletenessPage());
        DashboardRoutes.Routes.Add(UploadRoute, new OperatorCommand(OperatorCommands.UploadAsync));
        DashboardRoutes.Routes.Add(ReimportRoute, new OperatorCommand(OperatorCommands.ReimportAsync));
        DashboardRoutes.Routes.Add(RecomputeRoute, new OperatorCommand(OperatorCommands.RecomputeAsync));
        DashboardRoutes.Routes.Add(RunImportRoute, new OperatorCommand(OperatorCommands.RunImportAsync));
        DashboardRoutes.Routes.AddRazorPage(ReviewRoute, _ => new ReviewPage());
        DashboardRoutes.Routes.Add(ApproveRoute, new OperatorCommand(ReviewCommands.ApproveAsync));
        DashboardRoutes.Routes.Add(ReturnRoute, new OperatorCommand(ReviewCommands.ReturnAsync));
        DashboardRoutes.Routes.Add(PublishRoute, new OperatorCommand(ReviewCommands.PublishAsync));
        NavigationMenu.Items.Add(page => new MenuItem("Review 审核", page.Url.To(ReviewRoute))
        {
            Active = page.RequestPath.StartsWith(ReviewRoute, StringComparison.Ordinal),
        });
        NavigationMenu.Items.Add(page => new MenuItem("Completeness 报送情况", page.Url.To(CompletenessRoute))
        {
            Active = page.RequestPath.StartsWith(CompletenessRoute, StringComparison.Ordinal),
        });
        // The rankings page lives beside the dashboard (/rankings), under the same path base.
        NavigationMenu.Items.Add(page => new MenuItem("Rankings 排名", page.Url.To("/").TrimEnd('/') is var root && root.EndsWith(OperationsWebHost.DashboardPath, StringComparison.OrdinalIgnoreCase)
            ? root[..^OperationsWebHost.DashboardPath.Length] + RankingPages.PagePath
            : RankingPages.PagePath));
        NavigationMenu.Items.Add(page => new MenuItem("Operations 操作", page.Url.To(OperationsRoute))
        {
            Active = page.RequestPath.StartsWith(OperationsRoute, StringComparison.Ordinal),
        });
    }

    /// <summary>HTML-encodes text for a page.</summary>
    public static string E(object? value) => WebUtility.HtmlEncode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);

    /// <summary>The hidden antiforgery field every form of ours carries.</summary>
    public static string AntiforgeryField(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\" />";
    }

    /// <summary>A notice line from the <c>message</c> and <c>error</c> query parameters a command redirected with.</summary>
    public static string Notice(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var sb = new StringBuilder();
        if (http.Request.Query["message"].ToString() is { Length: > 0 } message)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"alert alert-success\" id=\"notice\">{E(message)}</div>");
        }

        if (http.Request.Query["error"].ToString() is { Length: > 0 } error)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"alert alert-danger\" id=\"notice\">{E(error)}</div>");
        }

        return sb.ToString();
    }
}

/// <summary>A POST-only dashboard route of ours.</summary>
internal sealed class OperatorCommand(Func<HttpContext, Task> handler) : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        var http = context.GetHttpContext();
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        await handler(http);
    }
}
