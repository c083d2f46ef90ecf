using System.Globalization;
using System.Text;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import.Completeness;
using static Prosperity.Etl.Host.Web.OperatorPages;

namespace Prosperity.Etl.Host.Web;

/// <summary>
/// Who has reported: region by quarter, each cell accepted / with warnings / rejected / missing
/// (and a mark where earlier versions were superseded), with the time received, the submission
/// and its issue counts. The same matrix as <c>prosperity status</c>.
/// </summary>
internal sealed class CompletenessPage : RazorPage
{
    private static readonly Dictionary<CompletenessState, string> Colours = new()
    {
        [CompletenessState.Accepted] = "#dff0d8",
        [CompletenessState.AcceptedWithWarnings] = "#fcf8e3",
        [CompletenessState.Rejected] = "#f2dede",
        [CompletenessState.Pending] = "#d9edf7",
        [CompletenessState.Returned] = "#f5e6f7",
        [CompletenessState.Missing] = "#ffffff",
        [CompletenessState.NotApplicable] = "#eeeeee",
    };

    public override void Execute()
    {
        Layout = new LayoutPage("Completeness");
        var http = Context.GetHttpContext();
        var office = http.RequestServices.GetRequiredService<OfficeTime>();
        var periodText = http.Request.Query["period"].ToString();
        // Without ?period= the page opens where the data are: the latest quarter with an accepted submission.
        var last = Period.TryParse(periodText, out var p) ? p : RankingPages.DefaultPeriodAsync(http.RequestServices, CancellationToken.None).GetAwaiter().GetResult();
        var quarters = int.TryParse(http.Request.Query["quarters"], NumberStyles.None, CultureInfo.InvariantCulture, out var q) ? Math.Clamp(q, 1, 12) : 4;

        // Hangfire renders pages synchronously; this is one aggregate query.
        var matrix = CompletenessMatrix.LoadAsync(http.RequestServices.GetRequiredService<Import.IWarehouse>(), http.RequestServices.GetRequiredService<Reference.ReferenceCatalog>(), last, quarters,
            jurisdiction: http.RequestServices.GetRequiredService<Review.OfficeOptions>().Resolve(http.RequestServices.GetRequiredService<Reference.ReferenceCatalog>()))
            .GetAwaiter().GetResult();

        var html = new StringBuilder();
        html.Append("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Completeness 报送情况</h1>");
        html.Append(CultureInfo.InvariantCulture, $"""
            <form method="get" action="{Url.To(CompletenessRoute)}" class="form-inline" style="margin-bottom:12px">
              <label>Last quarter 截至季度 <input type="text" name="period" class="form-control" value="{E(last.Code)}" size="8" /></label>
              <label>Quarters 季度数 <input type="number" name="quarters" min="1" max="12" class="form-control" value="{quarters}" /></label>
              <button type="submit" class="btn btn-default">Show 显示</button>
            </form>
            """);
        html.Append("<table class=\"table table-bordered table-condensed\" id=\"completeness\"><thead><tr><th>Region 地区</th><th>Code</th>");
        foreach (var period in matrix.Periods)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{E(period.Code)}<br/><small>{E(period.LabelZh)}</small></th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var group in matrix.Groups)
        {
            foreach (var row in group.Rows)
            {
                var indent = row.Region.Level == RegionLevel.City ? "<strong>" : "&nbsp;&nbsp;&nbsp;";
                var close = row.Region.Level == RegionLevel.City ? "</strong>" : string.Empty;
                html.Append(CultureInfo.InvariantCulture, $"<tr data-region=\"{E(row.Region.Code)}\"><td>{indent}{E(row.Region.NameZh)} {E(row.Region.NameEn)}{close}</td><td>{E(row.Region.Code)}</td>");
                foreach (var cell in row.Cells)
                {
                    html.Append(CellHtml(cell, office));
                }

                html.Append("</tr>");
            }
        }

        html.Append("</tbody><tfoot>");
        AppendTotal(html, "Accepted 已接收", matrix.Totals.Select(t => t.Accepted));
        AppendTotal(html, "with warnings 有警告", matrix.Totals.Select(t => t.AcceptedWithWarnings));
        AppendTotal(html, "Pending review 待审核", matrix.Totals.Select(t => t.Pending));
        AppendTotal(html, "Returned 审核退回", matrix.Totals.Select(t => t.Returned));
        AppendTotal(html, "Rejected 未通过校验", matrix.Totals.Select(t => t.Rejected));
        AppendTotal(html, "Missing 未报送", matrix.Totals.Select(t => t.Missing));
        AppendTotal(html, "Expected 应报", matrix.Totals.Select(t => t.Expected));
        AppendTotal(html, "On time 按时上报", matrix.Totals.Select(t => t.OnTime));
        AppendTotal(html, "Late 迟报", matrix.Totals.Select(t => t.Late));
        AppendTotal(html, "On-time rate % 按时上报率", matrix.Totals.Select(t => t.OnTimeRate is { } r ? (int)Math.Round(r * 100) : 0));
        html.Append("</tfoot></table><p id=\"legend\">");
        foreach (var (mark, name, zh, en) in CompletenessMarks.Legend)
        {
            html.Append(CultureInfo.InvariantCulture, $"<span style=\"margin-right:16px\"><strong>{E(mark)}</strong> {E(zh)} {E(en)}</span>");
        }

        html.Append("</p><p>Hover a cell for its submission, time received and counts; <code>prosperity issues --region CODE</code> lists every attempt with its issues.</p></div></div>");
        WriteLiteral(html.ToString());
    }

    private static string CellHtml(CompletenessCell cell, OfficeTime office)
    {
        var title = new StringBuilder(CompletenessMarks.Name(cell.State));
        if (cell.SubmissionId is { } id)
        {
            title.Append(CultureInfo.InvariantCulture, $", submission #{id}");
        }

        if (cell.ReceivedAt is { } received)
        {
            title.Append(CultureInfo.InvariantCulture, $", received {office.Display(received)}");
        }

        if (cell.WarningCount > 0 || cell.ErrorCount > 0)
        {
            title.Append(CultureInfo.InvariantCulture, $", {cell.ErrorCount} error(s), {cell.WarningCount} warning(s)");
        }

        if (cell.SupersededCount > 0)
        {
            title.Append(CultureInfo.InvariantCulture, $", {cell.SupersededCount} earlier version(s) superseded");
        }

        if (cell.RejectedCount > 0)
        {
            title.Append(CultureInfo.InvariantCulture, $", {cell.RejectedCount} rejected attempt(s)");
        }

        var detail = new StringBuilder();
        if (cell.SubmissionId is { } shown)
        {
            detail.Append(CultureInfo.InvariantCulture, $" #{shown}");
        }
        else if (cell.LatestRejectedSubmissionId is { } rejected)
        {
            detail.Append(CultureInfo.InvariantCulture, $" #{rejected}");
        }

        var when = cell.ReceivedAt ?? cell.LatestAttemptAt;
        var time = when is { } w ? $"<br/><small>{office.Brief(w)}</small>" : string.Empty;
        var counts = cell.ErrorCount + cell.WarningCount > 0 ? $" <small>({cell.ErrorCount}E/{cell.WarningCount}W)</small>" : string.Empty;
        return $"<td class=\"cell-{E(CompletenessMarks.Name(cell.State))}\" data-state=\"{E(CompletenessMarks.Name(cell.State))}\" data-superseded=\"{cell.SupersededCount}\" title=\"{E(title)}\" style=\"background:{Colours[cell.State]}\">{E(cell.Mark)}{E(detail)}{counts}{time}</td>";
    }

    private static void AppendTotal(StringBuilder html, string label, IEnumerable<int> values)
    {
        html.Append(CultureInfo.InvariantCulture, $"<tr><th colspan=\"2\">{E(label)}</th>");
        foreach (var v in values)
        {
            html.Append(CultureInfo.InvariantCulture, $"<td>{v}</td>");
        }

        html.Append("</tr>");
    }
}
