using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Prosperity.Etl.Host;

/// <summary>
/// The office's time zone (configuration <c>Office:TimeZone</c>, China time, <c>Asia/Shanghai</c>, by
/// default): every time on a page or in an export is shown in it; machine-readable outputs carry
/// ISO 8601 with the offset (<c>2025-10-12T09:30:00+08:00</c>).
/// </summary>
public sealed class OfficeTime
{
    /// <summary>The configuration key.</summary>
    public const string Key = "Office:TimeZone";

    /// <summary>The default zone.</summary>
    public const string DefaultZone = "Asia/Shanghai";

    public OfficeTime(TimeZoneInfo zone)
    {
        Zone = zone ?? throw new ArgumentNullException(nameof(zone));
    }

    /// <summary>The zone.</summary>
    public TimeZoneInfo Zone { get; }

    /// <summary>China time.</summary>
    public static OfficeTime China { get; } = new(FindOrFixed(DefaultZone));

    /// <summary>The configured zone, or a usage error naming the key when the machine does not know it.</summary>
    public static OfficeTime From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var id = configuration[Key];
        if (string.IsNullOrWhiteSpace(id))
        {
            return China;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)
            ? new OfficeTime(zone)
            : throw new UsageException($"{Key} '{id}' is not a time zone this machine knows (e.g. {DefaultZone}).");
    }

    /// <summary>The instant in the office's zone.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>ISO 8601 with the offset, to the second: <c>2025-10-12T09:30:00+08:00</c>.</summary>
    public string Iso(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>For people: <c>2025-10-12 09:30:00 +08:00</c>.</summary>
    public string Display(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>Short, for a cell: <c>10-12 09:30</c>.</summary>
    public string Brief(DateTimeOffset instant) => Local(instant).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    // A machine without the time-zone database still shows China time (UTC+8 all year, no daylight saving).
    private static TimeZoneInfo FindOrFixed(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone(id, TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
}
