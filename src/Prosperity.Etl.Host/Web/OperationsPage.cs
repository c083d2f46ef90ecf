using System.Globalization;
using System.Text;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Operations;
using static Prosperity.Etl.Host.Web.OperatorPages;

namespace Prosperity.Etl.Host.Web;

/// <summary>
/// The operator's page: upload a workbook into the inbox, run the import now, re-import a
/// submission, recompute a period's rankings; with the files waiting, the run lock and recent runs.
/// </summary>
internal sealed class OperationsPage : RazorPage
{
    public override void Execute()
    {
        Layout = new LayoutPage("Operations");
        var http = Context.GetHttpContext();
        var services = http.RequestServices;
        var store = services.GetRequiredService<IOperationsStore>();
        var inbox = services.GetRequiredService<InboxOptions>();
        var clock = services.GetRequiredService<TimeProvider>();
        var office = services.GetRequiredService<OfficeTime>();
        var zone = E(office.Local(clock.GetUtcNow()).ToString("zzz", CultureInfo.InvariantCulture));

        // Hangfire renders pages synchronously; these are small, indexed reads.
        var runs = store.GetRecentRunsAsync(15).GetAwaiter().GetResult();
        var (owner, expires) = store.GetLockAsync(InboxJobs.NightlyImportId).GetAwaiter().GetResult();
        var waiting = new InboxScanner(new InboxOptions { Path = inbox.Path, FilePatterns = inbox.FilePatterns, SettleSeconds = 0 }, clock).Scan();
        var lockText = owner.Length == 0 || expires < clock.GetUtcNow()
            ? "free"
            : string.Create(CultureInfo.InvariantCulture, $"held by {owner} until {office.Display(expires)}");

        var html = new StringBuilder();
        html.Append("<div class=\"row\"><div class=\"col-md-12\"><h1 class=\"page-header\">Operations 操作</h1>");
        html.Append(Notice(http));
        html.Append(CultureInfo.InvariantCulture, $"<p>Inbox <code>{E(Path.GetFullPath(inbox.Path))}</code>: <strong id=\"waiting-count\">{waiting.Count}</strong> file(s) waiting. Nightly run lock: <span id=\"run-lock\">{E(lockText)}</span>.</p>");

        var antiforgery = AntiforgeryField(http);
        var districts = services.GetRequiredService<Reference.ReferenceCatalog>().Regions
            .Where(r => r.ValidTo is null && r.Level is RegionLevel.County or RegionLevel.FunctionalArea or RegionLevel.City)
            .Select(r => $"<option value=\"{E(r.Code)}\">{E(r.Code)} {E(r.NameZh)} {E(r.NameEn)}</option>");
        html.Append(CultureInfo.InvariantCulture, $"""
            <div class="row">
              <div class="col-md-6"><div class="panel panel-default"><div class="panel-heading">Upload a workbook into the inbox 上传报表</div><div class="panel-body">
                <form id="upload-form" method="post" enctype="multipart/form-data" action="{Url.To(UploadRoute)}">{antiforgery}
                  <div class="form-group"><input type="file" name="workbook" accept=".xlsx,.xlsm" required /></div>
                  <div class="form-group"><label>District folder 报送单位</label>
                    <select name="district" class="form-control"><option value="">(inbox root)</option>{string.Concat(districts)}</select></div>
                  <div class="checkbox"><label><input type="checkbox" name="import-now" /> import it now 立即导入</label></div>
                  <button type="submit" class="btn btn-primary">Upload 上传</button>
                </form></div></div></div>
              <div class="col-md-6"><div class="panel panel-default"><div class="panel-heading">Runs and rankings 导入与排名</div><div class="panel-body">
                <form method="post" action="{Url.To(RunImportRoute)}" class="form-inline" style="margin-bottom:12px">{antiforgery}
                  <button type="submit" class="btn btn-default">Run the nightly import now 立即运行夜间导入</button></form>
                <form method="post" action="{Url.To(ReimportRoute)}" class="form-inline" style="margin-bottom:12px">{antiforgery}
                  <input type="number" name="submission" min="1" class="form-control" placeholder="submission #" required />
                  <button type="submit" class="btn btn-default">Re-import submission 重新导入</button></form>
                <form method="post" action="{Url.To(RecomputeRoute)}" class="form-inline">{antiforgery}
                  <input type="text" name="period" class="form-control" placeholder="2025Q3 (blank: all)" />
                  <button type="submit" class="btn btn-default">Recompute rankings 重新计算排名</button></form>
              </div></div></div>
            </div>
            """);

        html.Append(CultureInfo.InvariantCulture, $"<h3>Waiting in the inbox 待导入</h3><table class=\"table table-condensed\" id=\"inbox\"><thead><tr><th>File</th><th>Bytes</th><th>Changed (UTC{zone})</th></tr></thead><tbody>");
        foreach (var f in waiting)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(f.RelativePath)}</td><td>{f.Length:N0}</td><td>{E(office.Display(f.LastWriteUtc))}</td></tr>");
        }

        html.Append(CultureInfo.InvariantCulture, $"</tbody></table><h3>Recent runs 最近运行</h3><table class=\"table table-condensed\" id=\"runs\"><thead><tr><th>Run</th><th>Trigger</th><th>Job</th><th>Started (UTC{zone})</th><th>Status</th><th>Seen</th><th>Accepted</th><th>Rejected</th><th>Skipped</th><th>Failed</th><th>Rankings recomputed</th></tr></thead><tbody>");
        foreach (var r in runs)
        {
            var job = r.JobId is null ? string.Empty : $"<a href=\"{Url.JobDetails(r.JobId)}\">#{E(r.JobId)}</a>";
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{r.RunId}</td><td>{E(r.Trigger)}</td><td>{job}</td><td>{E(office.Display(r.StartedAt))}</td><td>{E(r.Status)}</td><td>{r.FilesSeen}</td><td>{r.Accepted}</td><td>{r.Rejected}</td><td>{r.Skipped}</td><td>{r.Failed}</td><td>{E(r.PeriodsRefreshed)}</td></tr>");
        }

        html.Append("</tbody></table></div></div>");
        WriteLiteral(html.ToString());
    }
}
