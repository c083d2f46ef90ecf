using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Prosperity.Etl.Host.Web;

/// <summary>
/// What stands between the network and the dashboard: forwarded headers believed only from
/// <c>Dashboard:KnownProxies</c>, a Host allow-list (<c>Dashboard:AllowedHosts</c>, the loopback
/// names by default) against DNS rebinding, HTTPS redirection and HSTS when operators sign in and
/// a certificate is configured, sign-in rate limits (ASP.NET Core's rate limiter), and security
/// headers (CSP, nosniff, no framing) on every response, Hangfire's pages included.
/// </summary>
public static class DashboardHardening
{
    /// <summary>The Content-Security-Policy of every page: our own scripts, styles and images only, no framing, forms post back here.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The configuration key of Kestrel's default certificate (ASP.NET Core's own).</summary>
    public const string CertificateKey = "Kestrel:Certificates:Default:Path";

    /// <summary>Registers the services; returns true when HTTPS redirection and HSTS apply (operators and a certificate).</summary>
    public static bool Configure(IServiceCollection services, IConfiguration configuration, DashboardSecurityOptions security, SignInGuard guard)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(security);
        ArgumentNullException.ThrowIfNull(guard);
        var proxies = new List<IPAddress>();
        foreach (var text in security.KnownProxies)
        {
            proxies.Add(IPAddress.TryParse(text?.Trim(), out var address)
                ? address
                : throw new UsageException($"Dashboard:KnownProxies: '{text}' is not an IP address (give the proxy's address, e.g. 127.0.0.1)."));
        }

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Nobody by default (ASP.NET Core would believe loopback): only the configured proxies.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                o.KnownProxies.Add(proxy);
            }

            o.ForwardLimit = 1;
            o.AllowedHosts = [.. security.EffectiveAllowedHosts.Select(h => h.Trim('[', ']'))];
        });

        // Credentials that still need their hash checked are limited per client address and per user name.
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var perMinute = Math.Max(1, security.SignInAttemptsPerMinute);
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => SignInAttempt(http, guard) is null
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetFixedWindowLimiter("address:" + http.Connection.RemoteIpAddress, _ => Window(perMinute))),
                PartitionedRateLimiter.Create<HttpContext, string>(http => SignInAttempt(http, guard) is not { } user
                    ? RateLimitPartition.GetNoLimiter(string.Empty)
                    : RateLimitPartition.GetFixedWindowLimiter("user:" + user, _ => Window(perMinute))));
            o.OnRejected = async (context, token) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("Too many sign-in attempts; try again in a minute.", token);
            };
        });

        var https = security.RemoteAccessConfigured && !string.IsNullOrWhiteSpace(configuration[CertificateKey]);
        if (https)
        {
            services.AddHsts(o =>
            {
                o.MaxAge = TimeSpan.FromDays(365);
                o.IncludeSubDomains = false;
            });
            services.AddHttpsRedirection(o =>
            {
                o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
                if (int.TryParse(configuration["Serve:HttpsPort"], System.Globalization.CultureInfo.InvariantCulture, out var port))
                {
                    o.HttpsPort = port;
                }
            });
        }

        return https;
    }

    /// <summary>Adds the middleware, first in the pipeline.</summary>
    public static void Use(WebApplication app, DashboardSecurityOptions security, bool https)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(security);
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });
            return next(http);
        });
        if (security.KnownProxies.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        var allowed = security.EffectiveAllowedHosts;
        app.Use(async (http, next) =>
        {
            // DNS rebinding: a page served under another name that resolves here must not reach the dashboard.
            var host = http.Request.Host.Host;
            if (!allowed.Any(a => string.Equals(a.Trim(), host, StringComparison.OrdinalIgnoreCase) || (a == "*")))
            {
                http.Response.StatusCode = StatusCodes.Status400BadRequest;
                await http.Response.WriteAsync("This server does not answer to that host name; add it to Dashboard:AllowedHosts if it is meant to.");
                return;
            }

            await next(http);
        });
        if (https)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
    }

    /// <summary>Logs a warning at start-up when operators sign in over plain HTTP.</summary>
    public static void WarnAboutTransport(ILogger logger, DashboardSecurityOptions security, bool https)
    {
        ArgumentNullException.ThrowIfNull(security);
        if (security.RemoteAccessConfigured && !https)
        {
            logger.LogWarning(
                "Dashboard:Users is configured but no certificate ({CertificateKey}): operators' passwords cross the network in clear text unless a reverse proxy in front of this server terminates HTTPS (list it in Dashboard:KnownProxies)",
                CertificateKey);
        }
    }

    /// <summary>
    /// Before Hangfire sees a request: a form is read here, once, so that an upload over the limit
    /// answers 413 and a malformed body 400 (Hangfire's antiforgery check would otherwise fail on it
    /// with a 500); the command routes, which take POST only, answer 405 to any other method.
    /// </summary>
    public static void UseCommandMethodCheck(IApplicationBuilder branch, string dashboardPath)
    {
        ArgumentNullException.ThrowIfNull(branch);
        branch.Use(async (http, next) =>
        {
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType)
            {
                try
                {
                    await http.Request.ReadFormAsync(http.RequestAborted);
                }
                catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException or InvalidOperationException)
                {
                    var tooLarge = ex is InvalidDataException { Message: var m } && m.Contains("limit", StringComparison.OrdinalIgnoreCase)
                        || ex is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge };
                    http.Response.StatusCode = tooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
                    await http.Response.WriteAsync(tooLarge
                        ? "The upload is larger than the limit (Inbox:MaxUploadBytes)."
                        : "The request body is not a well-formed form.");
                    return;
                }
            }
            else if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsPost(http.Request.Method))
            {
                http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                return;
            }
            else if (!HttpMethods.IsPost(http.Request.Method) && IsCommandRoute(http.Request.Path, dashboardPath))
            {
                http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                http.Response.Headers.Allow = "POST";
                return;
            }

            await next(http);
        });
    }

    // Hangfire's command and batch-command routes (delete, requeue, trigger...) and ours: they change something and take POST only.
    private static bool IsCommandRoute(PathString path, string dashboardPath)
    {
        var rest = path.Value?[Math.Min(path.Value.Length, dashboardPath.Length)..].TrimEnd('/') ?? string.Empty;
        var last = rest[(rest.LastIndexOf('/') + 1)..];
        return rest.Contains("/actions/", StringComparison.Ordinal) || last is "delete" or "requeue" or "trigger" or "remove" or "retry" or "enqueue" or "reschedule" or "cancel" or "continue"
            || rest.StartsWith("/prosperity/", StringComparison.Ordinal) && last is "upload" or "reimport" or "recompute" or "run-import" or "approve" or "return" or "publish";
    }

    // The user name of a request that presents Basic credentials not yet checked, or null.
    private static string? SignInAttempt(HttpContext http, SignInGuard guard) =>
        SignInGuard.TryReadBasic(http.Request.Headers.Authorization.ToString(), out var name, out var password, out _) && !guard.IsRemembered(name, password)
            ? name
            : null;

    private static FixedWindowRateLimiterOptions Window(int permits) => new()
    {
        PermitLimit = permits,
        Window = TimeSpan.FromMinutes(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
