using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.Sqlite;

/// <summary>
/// SQLite stores timestamps as ISO 8601 text; these handlers write and read them so. Dapper keeps one
/// handler per type for the process, so parameters of other engines get the shared UTC form.
/// </summary>
internal static class SqliteTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        }
    }

    private sealed class DateTimeOffsetHandler : UtcTimestampHandler
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is not SqliteParameter)
            {
                base.SetValue(parameter, value);
                return;
            }

            parameter.DbType = DbType.String;
            parameter.Value = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        }
    }
}
