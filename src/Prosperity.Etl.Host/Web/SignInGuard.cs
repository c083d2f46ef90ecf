using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Prosperity.Etl.Host.Web;

/// <summary>How a sign-in attempt ended.</summary>
public enum SignInOutcome
{
    /// <summary>Known user, right password.</summary>
    Accepted,

    /// <summary>Unknown user or wrong password.</summary>
    Refused,

    /// <summary>The user or the client address has too many recent failures; the password was not checked.</summary>
    LockedOut,
}

/// <summary>What <see cref="SignInGuard.Check"/> found.</summary>
public sealed record SignInResult(SignInOutcome Outcome, string? User, DateTimeOffset? LockedUntil);

/// <summary>
/// Checks Basic credentials against <c>Dashboard:Users</c> and guards the check: an unknown user
/// costs the same PBKDF2 hash as a known one (no user-name enumeration by timing); failures are
/// counted per user name and per client address, and either is locked out after
/// <see cref="DashboardSecurityOptions.LockoutFailures"/> within the lockout window; credentials
/// that passed are remembered (by a keyed hash, never in clear) for
/// <see cref="DashboardSecurityOptions.SignInCacheMinutes"/>, so a browser that sends them with
/// every request does not pay the hash every time.
/// </summary>
public sealed class SignInGuard
{
    private readonly DashboardSecurityOptions _options;
    private readonly TimeProvider _clock;
    private readonly string _dummyHash;
    private readonly byte[] _cacheKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, (string User, DateTimeOffset Expires)> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);

    /// <summary>Creates the guard over the configured operators.</summary>
    public SignInGuard(DashboardSecurityOptions options, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _clock = clock ?? TimeProvider.System;
        // The dummy costs what a real user's hash costs: the same iteration count as the first operator's.
        var iterations = options.Users.Select(u => u.PasswordHash.Split('$')).Where(p => p.Length == 4)
            .Select(p => int.TryParse(p[1], System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0).FirstOrDefault(n => n > 0);
        _dummyHash = DashboardAccess.HashPassword(Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)), iterations > 0 ? iterations : 210_000);
    }

    /// <summary>Reads <c>Basic base64(name:password)</c>; false when the header is not Basic (<paramref name="malformed"/> when it is, but unreadable).</summary>
    public static bool TryReadBasic(string header, out string name, out string password, out bool malformed)
    {
        name = password = string.Empty;
        malformed = false;
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            malformed = true;
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        name = colon < 0 ? decoded : decoded[..colon];
        password = colon < 0 ? string.Empty : decoded[(colon + 1)..];
        return true;
    }

    /// <summary>True when these credentials passed recently (a signed-in operator's next request).</summary>
    public bool IsRemembered(string name, string password) =>
        _verified.TryGetValue(CacheKey(name, password), out var entry) && entry.Expires > _clock.GetUtcNow();

    /// <summary>Checks a sign-in from <paramref name="address"/>.</summary>
    public SignInResult Check(string name, string password, string address)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(password);
        var now = _clock.GetUtcNow();
        var key = CacheKey(name, password);
        if (_verified.TryGetValue(key, out var remembered) && remembered.Expires > now)
        {
            return new SignInResult(SignInOutcome.Accepted, remembered.User, null);
        }

        var lockedUntil = LockedUntil("user:" + name, now) ?? LockedUntil("address:" + address, now);
        if (lockedUntil is not null)
        {
            return new SignInResult(SignInOutcome.LockedOut, null, lockedUntil);
        }

        var user = _options.Users.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(u.PasswordHash));
        // An unknown user is checked against a dummy hash of the same cost, and refused.
        var valid = DashboardAccess.VerifyPassword(password, user?.PasswordHash ?? _dummyHash) && user is not null;
        if (!valid)
        {
            Fail("user:" + name, now);
            Fail("address:" + address, now);
            return new SignInResult(SignInOutcome.Refused, null, null);
        }

        _failures.TryRemove("user:" + name, out _);
        _failures.TryRemove("address:" + address, out _);
        _verified[key] = (user!.Name, now.AddMinutes(_options.SignInCacheMinutes));
        if (_verified.Count > 1_000)
        {
            foreach (var stale in _verified.Where(e => e.Value.Expires <= now).Select(e => e.Key).ToList())
            {
                _verified.TryRemove(stale, out _);
            }
        }

        return new SignInResult(SignInOutcome.Accepted, user.Name, null);
    }

    private DateTimeOffset? LockedUntil(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures))
        {
            return null;
        }

        lock (failures)
        {
            failures.Forget(now - Window);
            return failures.Count >= Math.Max(1, _options.LockoutFailures) ? failures.Latest + Window : null;
        }
    }

    private void Fail(string key, DateTimeOffset now)
    {
        var failures = _failures.GetOrAdd(key, _ => new Failures());
        lock (failures)
        {
            failures.Forget(now - Window);
            failures.Add(now);
        }

        // Bounded: a flood of made-up user names must not grow the table for ever.
        if (_failures.Count > 10_000)
        {
            foreach (var stale in _failures.Where(f => f.Value.Latest < now - Window).Select(f => f.Key).ToList())
            {
                _failures.TryRemove(stale, out _);
            }
        }
    }

    private TimeSpan Window => TimeSpan.FromMinutes(Math.Max(0.01, _options.LockoutMinutes));

    private string CacheKey(string name, string password) =>
        Convert.ToBase64String(HMACSHA256.HashData(_cacheKey, Encoding.UTF8.GetBytes(name + "\n" + password)));

    private sealed class Failures
    {
        private readonly Queue<DateTimeOffset> _times = new();

        public int Count => _times.Count;

        public DateTimeOffset Latest { get; private set; }

        public void Add(DateTimeOffset at)
        {
            _times.Enqueue(at);
            Latest = at;
            while (_times.Count > 100)
            {
                _times.Dequeue();
            }
        }

        public void Forget(DateTimeOffset before)
        {
            while (_times.Count > 0 && _times.Peek() < before)
            {
                _times.Dequeue();
            }
        }
    }
}
