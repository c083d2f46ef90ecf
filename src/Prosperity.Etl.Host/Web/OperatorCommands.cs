using System.Globalization;
using System.Linq.Expressions;
using Hangfire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Operations;

namespace Prosperity.Etl.Host.Web;

/// <summary>What the operator page's forms do. Each ends in a redirect back to the page with a notice.</summary>
internal static class OperatorCommands
{
    private static readonly char[] Separators = ['/', '\\'];

    public static async Task UploadAsync(HttpContext http)
    {
        var inbox = http.RequestServices.GetRequiredService<InboxOptions>();
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Prosperity.Etl.Host.Web.Upload");
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var file = form.Files.GetFile("workbook");
        if (file is null || file.Length == 0)
        {
            Back(http, error: "Choose a workbook to upload. / 请选择要上传的工作簿。");
            return;
        }

        if (file.Length > inbox.MaxUploadBytes)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture,
                $"{file.FileName}: {file.Length:N0} bytes is larger than the upload limit of {inbox.MaxUploadBytes:N0} bytes (Inbox:MaxUploadBytes)."));
            return;
        }

        if (UploadNameProblem(file.FileName, inbox) is { } problem)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync(problem);
            return;
        }

        var district = form["district"].ToString().Trim();
        var catalog = http.RequestServices.GetRequiredService<Reference.ReferenceCatalog>();
        if (district.Length > 0 && (district.IndexOfAny(Separators) >= 0 || !catalog.IsKnownRegionCode(district)))
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync($"{district} is not a known region code.");
            return;
        }

        var relative = district.Length == 0 ? file.FileName : $"{district}/{file.FileName}";
        var folders = http.RequestServices.GetRequiredService<InboxFolders>();
        var target = folders.InboxPath(relative);
        if (File.Exists(target))
        {
            Back(http, error: $"{relative} is already waiting in the inbox; it is imported by the next run. / 收件箱中已有同名文件。");
            return;
        }

        // Written under a hidden temporary name and renamed, so a run never sees half a file.
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".upload-{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await file.CopyToAsync(output, http.RequestAborted);
            }

            // No overwrite: a file of the same name that arrived meanwhile stays as it is.
            File.Move(temporary, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            Back(http, error: $"{relative} is already waiting in the inbox; it is imported by the next run. / 收件箱中已有同名文件。");
            return;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException && !http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(ex, "Upload of {File} could not be written into the inbox", relative);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await http.Response.WriteAsync($"{relative} could not be written into the inbox ({ex.Message}); nothing was kept. Tell the operators.");
            return;
        }
        finally
        {
            // Whatever went wrong (the client went away, the disk is full, the name was taken), no half file stays behind.
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }

        logger.LogInformation("Uploaded {File} ({Bytes} bytes) into the inbox from {RemoteIp} ({User})",
            relative, file.Length, http.Connection.RemoteIpAddress, http.User.Identity?.Name ?? "local");
        var message = $"{relative} is in the inbox. / 已放入收件箱。";
        if (form["import-now"].ToString() is "on" or "true")
        {
            // After the settle time, which keeps a run from taking files that are still being copied.
            var jobs = http.RequestServices.GetRequiredService<IBackgroundJobClient>();
            Expression<Func<InboxJobs, Task>> run = j => j.NightlyImportAsync("upload", null, CancellationToken.None);
            var delay = TimeSpan.FromSeconds(inbox.SettleSeconds + 1);
            var id = jobs.Schedule(run, delay);
            message += string.Create(CultureInfo.InvariantCulture, $" Import run scheduled in {delay.TotalSeconds:0} s (job {id}).");
        }

        Back(http, message);
    }

    public static async Task ReimportAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        if (!long.TryParse(form["submission"], NumberStyles.None, CultureInfo.InvariantCulture, out var submissionId))
        {
            Back(http, error: $"'{form["submission"]}' is not a submission number.");
            return;
        }

        var jobs = http.RequestServices.GetRequiredService<IBackgroundJobClient>();
        Expression<Func<InboxJobs, Task>> reimport = j => j.ReimportSubmissionAsync(submissionId, null, CancellationToken.None);
        Back(http, $"Re-import of submission {submissionId} enqueued as job {jobs.Enqueue(reimport)}.");
    }

    public static async Task RecomputeAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var text = form["period"].ToString().Trim();
        string? code = null;
        if (text.Length > 0)
        {
            if (!Period.TryParse(text, out var period))
            {
                Back(http, error: $"'{text}' is not a period such as 2025Q3.");
                return;
            }

            code = period.Code;
        }

        var jobs = http.RequestServices.GetRequiredService<IBackgroundJobClient>();
        Expression<Func<InboxJobs, Task>> refresh = j => j.RefreshRankingsAsync(code, null, CancellationToken.None);
        Back(http, $"Rankings of {code ?? "every period"} are recomputed by job {jobs.Enqueue(refresh)}.");
    }

    public static Task RunImportAsync(HttpContext http)
    {
        http.RequestServices.GetRequiredService<IRecurringJobManager>().Trigger(InboxJobs.NightlyImportId);
        Back(http, "The nightly import was triggered. / 已触发夜间导入。");
        return Task.CompletedTask;
    }

    /// <summary>Why an uploaded file name cannot be stored in the inbox, or null when it can (the intake policy over the inbox's patterns).</summary>
    public static string? UploadNameProblem(string? name, InboxOptions inbox)
    {
        ArgumentNullException.ThrowIfNull(inbox);
        return new Import.IntakePolicy(inbox.FilePatterns).UploadNameProblem(name);
    }

    private static void Back(HttpContext http, string? message = null, string? error = null)
    {
        var query = message is not null ? $"?message={Uri.EscapeDataString(message)}" : $"?error={Uri.EscapeDataString(error ?? string.Empty)}";
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = $"{http.Request.PathBase}{OperatorPages.OperationsRoute}{query}";
    }
}
