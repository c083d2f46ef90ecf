using System.Linq.Expressions;
using System.Text.Json;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Import;
using Prosperity.Etl.Operations;
using Prosperity.Etl.Ranking;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Prosperity.Etl.Host.Web;

/// <summary>
/// <c>prosperity serve</c>: an ASP.NET Core host with the Hangfire server (nightly import, rankings
/// refresh), the dashboard at <c>/hangfire</c> with the operator pages, the rankings page at
/// <c>/rankings</c> (and <c>/api/rankings</c>) behind the same authorization, and <c>/health</c>.
/// </summary>
public static class OperationsWebHost
{
    /// <summary>Where the dashboard lives.</summary>
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// Builds the host: the warehouse is created or upgraded first, so a server never starts on a
    /// schema it does not know. <paramref name="configureBuilder"/> lets a test swap the server.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(IConfiguration configuration, string? db, string? urls,
        Action<WebApplicationBuilder>? configureBuilder = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddConfiguration(configuration);
        if (!string.IsNullOrWhiteSpace(urls))
        {
            builder.WebHost.UseUrls(urls);
        }

        var logger = CreateLogger(configuration);
        builder.Services.AddSerilog(logger, dispose: true);

        var inbox = configuration.GetSection(InboxOptions.SectionName).Get<InboxOptions>() ?? new InboxOptions();
        var jobOptions = configuration.GetSection(JobOptions.SectionName).Get<JobOptions>() ?? new JobOptions();
        var security = configuration.GetSection(DashboardSecurityOptions.SectionName).Get<DashboardSecurityOptions>() ?? new DashboardSecurityOptions();

        builder.Services.AddProsperity(configuration, db);
        builder.Services.AddInboxJobs(configuration);
        builder.Services.AddSingleton(security);

        // The job storage is the engine's (registered by its AddProsperity… with the warehouse).
        builder.Services.AddHangfire((provider, c) => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(provider.GetRequiredService<JobStorage>()));
        if (configuration.GetValue("Jobs:RunServer", true))
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";
                o.WorkerCount = Math.Max(1, jobOptions.WorkerCount);
                o.SchedulePollingInterval = TimeSpan.FromSeconds(Math.Max(1, jobOptions.PollSeconds));
            });
        }

        // Antiforgery tokens stay valid across restarts and across servers sharing the data folder.
        KeyProtection.Configure(builder.Services, configuration);
        builder.Services.AddAntiforgery();
        builder.Services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = inbox.MaxUploadBytes + (1 << 20));
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = inbox.MaxUploadBytes + (1 << 20));
        // No default scheme: nothing is authenticated outside the dashboard (the branch below does it), so
        // /health and the redirect never pay for a password hash.
        var authentication = builder.Services.AddAuthentication();
        var guard = new SignInGuard(security);
        builder.Services.AddSingleton(guard);
        if (security.RemoteAccessConfigured)
        {
            authentication.AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BasicAuthenticationHandler>(DashboardAccess.Scheme, null);
        }

        var https = DashboardHardening.Configure(builder.Services, configuration, security, guard);

        builder.Services.AddHealthChecks()
            .AddCheck<WarehouseHealthCheck>("warehouse")
            .AddCheck<HangfireStorageHealthCheck>("hangfire-storage");
        configureBuilder?.Invoke(builder);

        var app = builder.Build();
        // Created or upgraded before the server starts, so it never runs on a schema it does not know.
        await app.Services.EnsureWarehouseAsync(cancellationToken);
        // Applies the Hangfire configuration above (serializer, compatibility level) before any job is touched.
        _ = app.Services.GetRequiredService<IGlobalConfiguration>();
        DashboardHardening.Use(app, security, https);
        app.UseSerilogRequestLogging();

        // A request without credentials is asked for them (401 + Basic challenge) where operators are
        // configured, and refused outright (403) where they are not and it is not a direct local one.
        // Only the dashboard authenticates: /health never pays for a password hash.
        app.UseWhen(c => c.Request.Path.StartsWithSegments(DashboardPath, StringComparison.OrdinalIgnoreCase) || RankingPages.Covers(c.Request.Path), branch =>
        {
            if (security.RemoteAccessConfigured)
            {
                branch.UseRateLimiter();
                branch.Use(async (http, next) =>
                {
                    var result = await http.AuthenticateAsync(DashboardAccess.Scheme);
                    if (result.Succeeded)
                    {
                        http.User = result.Principal;
                    }

                    await next(http);
                });
            }

            branch.Use(async (http, next) =>
            {
                if (DashboardAccess.IsAllowed(http, security))
                {
                    await next(http);
                }
                else if (security.RemoteAccessConfigured)
                {
                    await http.ChallengeAsync(DashboardAccess.Scheme);
                }
                else
                {
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await http.Response.WriteAsync("The operations dashboard answers direct local requests only; configure Dashboard:Users for remote access or access through a proxy.");
                }
            });
            DashboardHardening.UseCommandMethodCheck(branch, DashboardPath);
        });

        OperatorPages.Register();
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new OperatorDashboardAuthorization(security)],
            DashboardTitle = "Prosperity.Etl operations",
            DisplayStorageConnectionString = false,
            AppPath = null,
        });
        app.MapGet("/", () => Results.Redirect(DashboardPath));
        RankingPages.Map(app, DashboardPath);
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });

        await ScheduleResumeAsync(app, jobOptions, cancellationToken);
        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(jobOptions.TimeZone, out var timeZone))
        {
            throw new UsageException($"Jobs:TimeZone '{jobOptions.TimeZone}' is not a time zone this machine knows (e.g. Asia/Shanghai).");
        }

        try
        {
            recurring.AddOrUpdate<InboxJobs>(InboxJobs.NightlyImportId, j => j.NightlyImportAsync("recurring", null, CancellationToken.None),
                jobOptions.NightlyImportCron, new RecurringJobOptions { TimeZone = timeZone });
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"Jobs:NightlyImportCron '{jobOptions.NightlyImportCron}' is not a cron expression (e.g. '0 2 * * *'): {ex.Message}", ex);
        }

        recurring.AddOrUpdate<InboxJobs>(InboxJobs.RankingsRefreshId, j => j.RefreshRankingsAsync(null, null, CancellationToken.None), Cron.Never());
        app.Logger.LogInformation("Serving the operations dashboard on {Warehouse}; inbox {Inbox}, nightly import {Cron} ({TimeZone})",
            app.Services.GetRequiredService<WarehouseTarget>(), Path.GetFullPath(inbox.Path), jobOptions.NightlyImportCron, jobOptions.TimeZone);
        DashboardHardening.WarnAboutTransport(app.Logger, security, https);
        KeyProtection.Describe(app.Logger, configuration);
        return app;
    }

    /// <summary>
    /// A run left unfinished by a server that stopped (killed, power cut) normally goes on when a
    /// server picks its jobs up again; should the job storage have lost the rest of its chain, its
    /// lease lapses and a new run takes over the files left in the inbox. So that this does not
    /// wait for the next night, a server that starts while a run is unfinished schedules a nightly
    /// import for just after the lease: it does nothing if the run has finished by then.
    /// </summary>
    private static async Task ScheduleResumeAsync(WebApplication app, JobOptions jobOptions, CancellationToken cancellationToken)
    {
        var runs = await app.Services.GetRequiredService<IOperationsStore>().GetRecentRunsAsync(20, cancellationToken);
        if (runs.FirstOrDefault(r => r.Status == "running") is not { } unfinished)
        {
            return;
        }

        var delay = TimeSpan.FromMinutes(jobOptions.RunLockMinutes) + TimeSpan.FromSeconds(15);
        Expression<Func<InboxJobs, Task>> resume = j => j.NightlyImportAsync(InboxJobs.ResumeTrigger, null, CancellationToken.None);
        var jobId = app.Services.GetRequiredService<IBackgroundJobClient>().Schedule(resume, delay);
        app.Logger.LogWarning("Nightly run {RunId} was left unfinished; a nightly import is scheduled in {Delay} (job {JobId}) to take over whatever it has not done",
            unfinished.RunId, delay, jobId);
    }

    /// <summary>Console and a rolling compact-JSON file (<c>Logging:File</c>, default <c>data/logs/prosperity-.clef</c>).</summary>
    public static Serilog.ILogger CreateLogger(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var level = ProsperityLogging.Level(configuration["Logging:ServeLevel"], LogEventLevel.Information);
        var file = configuration["Logging:File"] ?? "data/logs/prosperity-.clef";
        return ProsperityLogging.Configure(level, "serve")
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Hangfire", LogEventLevel.Warning)
            .WriteTo.Console(
                outputTemplate: ProsperityLogging.ConsoleTemplate,
                formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new CompactJsonFormatter(), file, rollingInterval: RollingInterval.Day, retainedFileCountLimit: 31, shared: true)
            .CreateLogger();
    }

    // Open to anyone (load balancers): healthy or not, and the engine; no connection target, no server count.
    private static Task WriteHealthAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        var engine = http.RequestServices.GetRequiredService<WarehouseTarget>().Provider;
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString(), engine }));
    }
}
