using System.Data;
using System.Globalization;
using Dapper;

namespace Prosperity.Etl.Data;

/// <summary>
/// Maps <see cref="DateTimeOffset"/> for Dapper on every engine: written as UTC (PostgreSQL's
/// timestamptz accepts only offset zero), read back from whatever the driver returns (a UTC
/// <see cref="DateTime"/> from Npgsql, a <see cref="DateTimeOffset"/> from SqlClient, ISO text from
/// SQLite). Dapper keeps one handler per type for the whole process, so a dialect that needs a
/// different parameter form derives from this one instead of replacing it.
/// </summary>
public class UtcTimestampHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    private static int _registered;

    /// <summary>Registers this handler unless a handler for <see cref="DateTimeOffset"/> is already registered.</summary>
    public static void RegisterDefault()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0 && !SqlMapper.HasTypeHandler(typeof(DateTimeOffset)))
        {
            SqlMapper.AddTypeHandler(new UtcTimestampHandler());
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        string s => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new DataException($"Cannot read {value?.GetType().Name ?? "null"} as a timestamp."),
    };

    /// <inheritdoc />
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.DbType = DbType.DateTimeOffset;
        parameter.Value = value.ToUniversalTime();
    }
}
