using System.Data.Common;
using Microsoft.Data.Sqlite;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.Sqlite;

/// <summary>
/// Opens connections to a SQLite warehouse file with foreign keys on, WAL journaling (readers do
/// not block the writer) with synchronous = NORMAL, and a busy timeout so concurrent importers wait
/// instead of failing.
/// </summary>
public sealed class SqliteConnectionFactory : IConnectionFactory
{
    private readonly string _path;

    /// <summary>Creates a factory for the database file at <paramref name="path"/>; its folder is created.</summary>
    public SqliteConnectionFactory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            ForeignKeys = true,
            DefaultTimeout = 60,
            Pooling = true,
        }.ToString();
        SqliteTypeHandlers.Register();
    }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragma = connection.CreateCommand();
            // synchronous = NORMAL is SQLite's recommended setting with WAL: always consistent, and a commit
            // no longer waits for an fsync (the WAL is synced at checkpoints). A power cut may lose the last
            // loads; their files are then simply imported again by hash on the next run.
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 60000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw new WarehouseException($"Cannot open the SQLite warehouse {_path}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public string Describe() => $"sqlite:{_path}";

    /// <summary>The database file of a SQLite connection: a bare path or an ADO.NET style <c>Data Source=PATH</c>.</summary>
    public static string PathOf(string connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        const string key = "Data Source=";
        var c = connection.Trim();
        return c.StartsWith(key, StringComparison.OrdinalIgnoreCase) ? c[key.Length..].TrimEnd(';').Trim() : c;
    }
}
