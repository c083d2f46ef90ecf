using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Hangfire.Annotations;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Prosperity.Etl.Host.Web;

/// <summary>An operator allowed on the dashboard from another machine (configuration <c>Dashboard:Users</c>).</summary>
public sealed class DashboardUser
{
    public string Name { get; set; } = string.Empty;

    /// <summary><c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c> (base64), as printed by <c>prosperity password-hash</c>.</summary>
    public string PasswordHash { get; set; } = string.Empty;
}

/// <summary>Who may use the dashboard and the operator pages (configuration section <c>Dashboard</c>).</summary>
public sealed class DashboardSecurityOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>Operators who may sign in from other machines; none (the default) means local requests only.</summary>
    public IReadOnlyList<DashboardUser> Users { get; set; } = [];

    /// <summary>True when remote access is configured.</summary>
    public bool RemoteAccessConfigured => Users.Any(u => !string.IsNullOrWhiteSpace(u.Name) && !string.IsNullOrWhiteSpace(u.PasswordHash));

    /// <summary>
    /// Addresses of the reverse proxies whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c>
    /// headers are believed (ASP.NET Core's forwarded-headers middleware); none by default, so a
    /// forwarding header is never taken from anyone.
    /// </summary>
    public IReadOnlyList<string> KnownProxies { get; set; } = [];

    /// <summary>The host names the server answers to (the Host header); empty means <see cref="LoopbackHosts"/>. Any other Host gets 400.</summary>
    public IReadOnlyList<string> AllowedHosts { get; set; } = [];

    /// <summary>The host names allowed when <see cref="AllowedHosts"/> is not configured.</summary>
    public static IReadOnlyList<string> LoopbackHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>The host names allowed: <see cref="AllowedHosts"/>, or the loopback names.</summary>
    public IReadOnlyList<string> EffectiveAllowedHosts => AllowedHosts.Count == 0 ? LoopbackHosts : AllowedHosts;

    /// <summary>Failed sign-ins of one user, or from one client address, after which that user or address is locked out.</summary>
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long failed sign-ins are counted, and how long a lockout lasts, in minutes.</summary>
    public double LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in attempts (credentials that still need checking) per client address and per user name in a minute; more get 429.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>How long checked credentials are remembered, so a signed-in operator's later requests skip the password hash.</summary>
    public double SignInCacheMinutes { get; set; } = 10;
}

/// <summary>The rule the dashboard and the operator pages share: local requests, or a signed-in operator.</summary>
public static class DashboardAccess
{
    /// <summary>The authentication scheme of remote operators.</summary>
    public const string Scheme = "Basic";

    /// <summary>The headers by which a proxy says a request came from somewhere else (and what the forwarded-headers middleware leaves once it applied them).</summary>
    public static IReadOnlyList<string> ForwardingHeaders { get; } = ["X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded", "X-Original-For", "X-Real-IP"];

    /// <summary>
    /// True for a request made directly from this machine: a loopback peer and no forwarding header.
    /// A reverse proxy on the same host connects from loopback too, so a request that says it was
    /// forwarded is never local, and neither is one through a known proxy.
    /// </summary>
    public static bool IsLocal(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote))
        {
            return false;
        }

        return !ForwardingHeaders.Any(h => http.Request.Headers.ContainsKey(h));
    }

    /// <summary>
    /// True when the request may see the dashboard: without operators configured, a direct local
    /// request; with operators configured, a signed-in operator only (trust comes from the
    /// configuration, not from the peer address).
    /// </summary>
    public static bool IsAllowed(HttpContext http, DashboardSecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        return options.RemoteAccessConfigured ? http.User.Identity?.IsAuthenticated == true : IsLocal(http);
    }

    /// <summary>Hashes a password for <c>Dashboard:Users</c> (PBKDF2-SHA256, random salt).</summary>
    public static string HashPassword(string password, int iterations = 210_000)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, 32);
        return FormattableString.Invariant($"pbkdf2-sha256${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Checks a password against a hash from <see cref="HashPassword"/> in constant time.</summary>
    public static bool VerifyPassword(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        var parts = (encoded ?? string.Empty).Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var iterations))
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>Hangfire's authorization filter: the shared rule for the dashboard's own pages and ours.</summary>
public sealed class OperatorDashboardAuthorization(DashboardSecurityOptions options) : IDashboardAuthorizationFilter
{
    /// <inheritdoc />
    public bool Authorize([NotNull] DashboardContext context) => DashboardAccess.IsAllowed(context.GetHttpContext(), options);
}

/// <summary>
/// HTTP Basic authentication against <c>Dashboard:Users</c>; meant to sit behind HTTPS (a reverse
/// proxy or Kestrel's own). An unknown user costs the same password hash as a known one; a user or
/// an address with too many failed sign-ins is locked out for a while (429); checked credentials
/// are remembered for a few minutes, so the browser's later requests skip the hash.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    SignInGuard guard)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string LockedOutItem = "Prosperity.SignIn.LockedOutUntil";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Only the dashboard and the rankings pages sign in (ASP.NET Core makes a lone scheme the default for every request).
        if (!Request.Path.StartsWithSegments(OperationsWebHost.DashboardPath, StringComparison.OrdinalIgnoreCase) && !RankingPages.Covers(Request.Path))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!SignInGuard.TryReadBasic(Request.Headers.Authorization.ToString(), out var name, out var password, out var malformed))
        {
            return Task.FromResult(malformed ? AuthenticateResult.Fail("Malformed Basic credentials.") : AuthenticateResult.NoResult());
        }

        var address = Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var result = guard.Check(name, password, address);
        switch (result.Outcome)
        {
            case SignInOutcome.LockedOut:
                Context.Items[LockedOutItem] = result.LockedUntil;
                Logger.LogWarning("Dashboard sign-in refused for {User} from {RemoteIp}: locked out until {LockedUntil:u}",
                    Display.SafeText.ForLog(name), address, result.LockedUntil);
                return Task.FromResult(AuthenticateResult.Fail("Too many failed sign-ins; try again later."));
            case SignInOutcome.Refused:
                Logger.LogWarning("Dashboard sign-in refused for {User} from {RemoteIp}", Display.SafeText.ForLog(name), address);
                return Task.FromResult(AuthenticateResult.Fail("Unknown user or wrong password."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, result.User!)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.TryGetValue(LockedOutItem, out var until) && until is DateTimeOffset lockedUntil)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((lockedUntil - TimeProvider.GetUtcNow()).TotalSeconds));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Response.WriteAsync($"Too many failed sign-ins; try again in {seconds} s.");
        }

        Response.Headers.WWWAuthenticate = "Basic realm=\"Prosperity.Etl operations\", charset=\"UTF-8\"";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => HandleChallengeAsync(properties);
}
