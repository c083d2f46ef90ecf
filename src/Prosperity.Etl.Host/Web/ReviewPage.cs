using System.Globalization;
using System.Text;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Review;
using static Prosperity.Etl.Host.Web.OperatorPages;

namespace Prosperity.Etl.Host.Web;

/// <summary>
/// Review (审核): the returns waiting, with their warnings and explanations, approve and return
/// buttons, and publishing a period, with its releases. The same actions as <c>prosperity review</c>,
/// <c>approve</c>, <c>return</c> and <c>publish</c>, recorded with the signed-in operator's name.
/// </summary>
internal sealed class ReviewPage : RazorPage
{
    public override void Execute()
    {
        Layout = new LayoutPage("Review");
        var http = Context.GetHttpContext();
        var store = http.RequestServices.GetRequiredService<IReviewStore>();
        var clock = http.RequestServices.GetRequiredService<TimeProvider>();
        var period = Period.TryParse(http.Request.Query["period"].ToString(), out var p) ? p : Period.LatestEnded(clock.GetUtcNow());
        // Hangfire renders pages synchronously; these are three short queries.
        var pending = store.GetPendingAsync(null).GetAwaiter().GetResult();
        var publication = store.GetPublicationAsync(period).GetAwaiter().GetResult();
        var releases = store.GetReleasesAsync(period).GetAwaiter().GetResult();
        var antiforgery = AntiforgeryField(http);

        var html = new StringBuilder();
        html.Append("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Review 审核</h1>");
        html.Append(Notice(http));
        html.Append(CultureInfo.InvariantCulture, $"<h3>Waiting for review 待审核 ({pending.Count})</h3>");
        if (pending.Count == 0)
        {
            html.Append("<p id=\"nothing-pending\">Nothing waits for review. 没有待审核的报表。</p>");
        }

        html.Append("<table class=\"table table-bordered table-condensed\" id=\"pending\"><thead><tr><th>#</th><th>Region 地区</th><th>Period 报告期</th>"
            + "<th>File 文件</th><th>Received 收到 (China time)</th><th>Warnings and explanations 警告与说明</th><th>Action 操作</th></tr></thead><tbody>");
        foreach (var r in pending)
        {
            var notes = new StringBuilder();
            foreach (var w in r.Warnings)
            {
                notes.Append(CultureInfo.InvariantCulture, $"<div class=\"text-warning\">{E(w.Code)} {E(w.Place)} {E(w.MessageZh)} / {E(w.MessageEn)}</div>");
            }

            foreach (var (code, explanation) in r.Explanations)
            {
                notes.Append(CultureInfo.InvariantCulture, $"<div>说明 {E(code)}: {E(explanation)}</div>");
            }

            var kind = r.IsRevision ? "<span class=\"label label-danger\">revision 修订</span> " : string.Empty;
            var late = r.DaysLate is > 0 ? string.Create(CultureInfo.InvariantCulture, $" <span class=\"label label-warning\">{r.DaysLate} day(s) late 迟报</span>") : string.Empty;
            html.Append(CultureInfo.InvariantCulture, $"""
                <tr data-submission="{r.SubmissionId}"><td>#{r.SubmissionId}</td><td>{E(r.RegionCode)} {E(r.RegionNameZh)}</td><td>{E(r.PeriodCode)}</td>
                <td>{kind}{E(r.FileName)}{(r.Replaces is { } old ? $"<br/><small>replaces #{old}</small>" : "<br/><small>first return</small>")}</td>
                <td>{E(r.ReceivedAt.ToOffset(Period.ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}{late}</td>
                <td>{notes}</td>
                <td>
                  <form method="post" action="{Url.To(ApproveRoute)}" class="form-inline">{antiforgery}
                    <input type="hidden" name="submission" value="{r.SubmissionId}" />
                    <input type="text" name="note" class="form-control input-sm" placeholder="{(r.IsRevision ? "revision note 修订说明 (required)" : "note 备注")}" />
                    <button type="submit" class="btn btn-success btn-sm">Approve 通过</button>
                  </form>
                  <form method="post" action="{Url.To(ReturnRoute)}" class="form-inline">{antiforgery}
                    <input type="hidden" name="submission" value="{r.SubmissionId}" />
                    <input type="text" name="reason" class="form-control input-sm" placeholder="reason 退回原因 (required)" />
                    <button type="submit" class="btn btn-danger btn-sm">Return 退回</button>
                  </form>
                </td></tr>
                """);
        }

        html.Append("</tbody></table>");
        html.Append(CultureInfo.InvariantCulture, $"""
            <h3>Publication 发布</h3>
            <form method="get" action="{Url.To(ReviewRoute)}" class="form-inline" style="margin-bottom:8px">
              <label>Period 报告期 <input type="text" name="period" class="form-control" value="{E(period.Code)}" size="8" /></label>
              <button type="submit" class="btn btn-default">Show 显示</button>
            </form>
            <p id="publication">{E(publication.Describe(Period.ChinaOffset))}</p>
            <form method="post" action="{Url.To(PublishRoute)}" class="form-inline">{antiforgery}
              <input type="hidden" name="period" value="{E(period.Code)}" />
              <input type="text" name="note" class="form-control" placeholder="note 备注" />
              <button type="submit" class="btn btn-primary">Publish {E(period.Code)} 发布</button>
            </form>
            <table class="table table-condensed" id="releases"><thead><tr><th>Release 版次</th><th>Kind</th><th>Published 发布时间</th><th>By</th><th>Returns</th><th>Note 说明</th></tr></thead><tbody>
            """);
        foreach (var r in releases)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{r.ReleaseNo}</td><td>{E(r.Kind)}</td><td>{E(r.PublishedAt.ToOffset(Period.ChinaOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture))}</td><td>{E(r.PublishedBy)}</td><td>{r.Submissions}</td><td>{E(r.Note)}</td></tr>");
        }

        html.Append("</tbody></table></div></div>");
        WriteLiteral(html.ToString());
    }
}

/// <summary>What the review page's forms do; each redirects back to the page with a notice.</summary>
internal static class ReviewCommands
{
    /// <summary>The signed-in operator (Basic sign-in), or who a direct local request comes from.</summary>
    internal static string Actor(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? $"{name} (dashboard)" : "local operator (dashboard)";

    public static Task ApproveAsync(HttpContext http) => RunAsync(http, async (form, service) =>
        (await service.ApproveAsync(SubmissionId(form), Actor(http), form["note"].ToString(), http.RequestAborted)).Message);

    public static Task ReturnAsync(HttpContext http) => RunAsync(http, async (form, service) =>
        (await service.ReturnAsync(SubmissionId(form), Actor(http), form["reason"].ToString(), http.RequestAborted)).Message);

    public static Task PublishAsync(HttpContext http) => RunAsync(http, async (form, service) =>
    {
        var text = form["period"].ToString();
        var period = Period.TryParse(text, out var p) ? p : throw new ReviewException($"'{text}' is not a period such as 2025Q3.");
        return (await service.PublishAsync(period, Actor(http), form["note"].ToString(), http.RequestAborted)).Message;
    }, form => form["period"].ToString());

    private static long SubmissionId(IFormCollection form) =>
        long.TryParse(form["submission"], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
            : throw new ReviewException($"'{form["submission"]}' is not a submission number.");

    private static async Task RunAsync(HttpContext http, Func<IFormCollection, ReviewService, Task<string>> action, Func<IFormCollection, string>? period = null)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var query = period?.Invoke(form) is { Length: > 0 } p ? $"period={Uri.EscapeDataString(p)}&" : string.Empty;
        string target;
        try
        {
            var message = await action(form, http.RequestServices.GetRequiredService<ReviewService>());
            target = $"?{query}message={Uri.EscapeDataString(message)}";
        }
        catch (ReviewException ex)
        {
            target = $"?{query}error={Uri.EscapeDataString(ex.Message)}";
        }

        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = $"{http.Request.PathBase}{OperatorPages.ReviewRoute}{target}";
    }
}
