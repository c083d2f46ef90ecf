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
}

/// <summary>The rule the dashboard and the operator pages share: local requests, or a signed-in operator.</summary>
public static class DashboardAccess
{
    /// <summary>The authentication scheme of remote operators.</summary>
    public const string Scheme = "Basic";

    /// <summary>True for a request from this machine (loopback, or the server's own address).</summary>
    public static bool IsLocal(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var remote = http.Connection.RemoteIpAddress;
        if (remote is null)
        {
            return false;
        }

        return IPAddress.IsLoopback(remote) || remote.Equals(http.Connection.LocalIpAddress);
    }

    /// <summary>True when the request may see the dashboard.</summary>
    public static bool IsAllowed(HttpContext http, DashboardSecurityOptions options)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        return IsLocal(http) || (options.RemoteAccessConfigured && http.User.Identity?.IsAuthenticated == true);
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

/// <summary>HTTP Basic authentication against <c>Dashboard:Users</c>; meant to sit behind HTTPS (a reverse proxy or Kestrel's own).</summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DashboardSecurityOptions security)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("Malformed Basic credentials."));
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? decoded : decoded[..colon];
        var password = colon < 0 ? string.Empty : decoded[(colon + 1)..];
        var user = security.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal));
        if (user is null || !DashboardAccess.VerifyPassword(password, user.PasswordHash))
        {
            Logger.LogWarning("Dashboard sign-in refused for {User} from {RemoteIp}", name, Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail("Unknown user or wrong password."));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }

    /// <inheritdoc />
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"Prosperity.Etl operations\", charset=\"UTF-8\"";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
