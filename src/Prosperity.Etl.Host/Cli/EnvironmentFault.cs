using System.Data.Common;
using Microsoft.Data.Sqlite;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.Host.Cli;

/// <summary>
/// Faults of the environment rather than of the product or the input: the warehouse is read-only,
/// full, missing, damaged, locked or unreachable, a directory stands where a file should be, a
/// folder cannot be written. Each becomes one line that names the warehouse (or the file) and says
/// what to do; the command line prints it and exits 2. Anything not recognised here is left to the
/// caller (an internal error).
/// </summary>
public static class EnvironmentFault
{
    /// <summary>The one line for <paramref name="exception"/>, or null when it is not a fault of the environment.</summary>
    /// <param name="exception">What the verb threw.</param>
    /// <param name="target">The warehouse the verb used, when known.</param>
    /// <param name="readOnly">True for the verbs that only read (a missing warehouse is then one nothing was imported into).</param>
    public static string? Describe(Exception exception, WarehouseTarget? target, bool readOnly = false)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var name = Name(target);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SqliteException sqlite)
            {
                return DescribeSqlite(sqlite, name, target, readOnly);
            }
        }

        // A usage error already says what is wrong in its own words.
        if (exception is UsageException)
        {
            return null;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is WarehouseException warehouse)
            {
                // The engines' own words (server unreachable, sign-in refused), already one line with the target.
                return OneLine(warehouse.Message) + ".";
            }

            if (e is DbException db && DescribeServer(db, name) is { } server)
            {
                return server;
            }
        }

        // Not the database's own words: the file system's (a folder that cannot be created, a file that cannot be written).
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case UnauthorizedAccessException denied:
                    return $"{OneLine(denied.Message)}. Give write permission to the folder, or choose another one.";
                case DirectoryNotFoundException missing:
                    return $"{OneLine(missing.Message)}. Create the folder first, or choose another one.";
                case IOException io when IsDiskFull(io):
                    return $"{OneLine(io.Message)}: the disk is full; free space and run the command again.";
                case IOException io when e == exception || e.InnerException is null:
                    return $"{OneLine(io.Message)}. Check that the path names a file in a folder that exists and can be written.";
            }
        }

        return null;
    }

    private static string DescribeSqlite(SqliteException ex, string name, WarehouseTarget? target, bool readOnly) => (ex.SqliteErrorCode & 0xFF) switch
    {
        5 or 6 => $"The warehouse {name} is locked by another program (another import, a backup or a database browser); try again when it has finished.",
        8 => $"The warehouse {name} is read-only (the file or its folder cannot be written); give write permission, or use a copy that can be written. status, validate, issues, report and rank without --refresh read it as it is.",
        13 => $"The warehouse {name} cannot grow: the disk is full (or it is not a file that can be written); free space and run the command again. The last change was rolled back.",
        11 or 26 => $"The warehouse {name} is damaged or is not a SQLite database (truncated or overwritten); restore it from a backup, or give --db another file.",
        14 when SqliteFile(target) is { } directory && Directory.Exists(directory) =>
            $"The warehouse {name} is a directory, not a SQLite file; give --db the path of a file (e.g. {Path.Combine(directory, "warehouse.db")}).",
        14 when SqliteFile(target) is { } file && !File.Exists(file) && !Directory.Exists(file) => readOnly
            ? $"The warehouse {name} does not exist: nothing has been imported yet ('prosperity import' or 'prosperity migrate' creates it)."
            : $"The warehouse {name} cannot be created: its folder does not exist or cannot be written; create the folder, or give --db a file in a folder that can be written.",
        14 => $"The warehouse {name} cannot be opened: it, its folder or the files SQLite keeps beside it cannot be read or written; check the permissions, or give --db another file.",
        10 => $"The warehouse {name} could not be read or written ({OneLine(ex.Message)}); check the disk and run the command again.",
        1 when ex.Message.Contains("no such table", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("no such column", StringComparison.OrdinalIgnoreCase) =>
            $"The warehouse {name} cannot be read: it has no Prosperity schema, or an older one ({OneLine(ex.Message)}); 'prosperity migrate' creates or upgrades it.",
        _ => $"The warehouse {name} cannot be used ({OneLine(ex.Message)}); check the file, or give --db another one.",
    };

    // PostgreSQL and SQL Server: by SQLSTATE where the provider gives one.
    private static string? DescribeServer(DbException ex, string name)
    {
        var state = ex.SqlState ?? string.Empty;
        var reason = OneLine(ex.Message);
        return state switch
        {
            "53100" => $"The warehouse {name} cannot grow: the database server's disk is full ({reason}); free space and run the command again.",
            "25006" => $"The warehouse {name} is read-only ({reason}); use a connection that may write, or a read-only verb.",
            "42501" => $"The warehouse {name} refused the operation: the user may not do it ({reason}); grant the rights or use another user.",
            "42P01" or "42703" => $"The warehouse {name} has no Prosperity schema, or an older one ({reason}); 'prosperity migrate' creates or upgrades it.",
            "28P01" or "28000" => $"The warehouse {name} refused the sign-in ({reason}); check the user and password of the connection string.",
            "3D000" => $"The warehouse {name} does not exist on the server ({reason}); create the database, then 'prosperity migrate'.",
            "55P03" or "40P01" => $"The warehouse {name} is locked by another session ({reason}); try again when it has finished.",
            _ when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal) || ex.IsTransient =>
                $"The warehouse {name} cannot be reached ({reason}); check that the server runs and the connection string (--db).",
            _ => null,
        };
    }

    private static bool IsDiskFull(IOException io) =>
        (io.HResult & 0xFFFF) is 28 or 0x70 or 0x27 || io.Message.Contains("No space left", StringComparison.OrdinalIgnoreCase);

    private static string? SqliteFile(WarehouseTarget? target)
    {
        if (target is not { Provider: "sqlite" })
        {
            return null;
        }

        const string key = "Data Source=";
        var c = target.Connection.Trim();
        return Path.GetFullPath(c.StartsWith(key, StringComparison.OrdinalIgnoreCase) ? c[key.Length..].TrimEnd(';').Trim() : c);
    }

    private static string Name(WarehouseTarget? target) => target is null ? "(not configured)" : SqliteFile(target) ?? target.ToString();

    /// <summary>The first line of a message (PostgreSQL's carry detail lines), without its full stop.</summary>
    private static string OneLine(string message) => message.Split('\n', 2)[0].Trim().TrimEnd('.');
}
