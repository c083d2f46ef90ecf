using System.Data.Common;
using Microsoft.Data.Sqlite;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.Sqlite;

/// <summary>
/// Opens connections to a SQLite warehouse file with foreign keys on, WAL journaling (readers do
/// not block the writer) with synchronous = NORMAL, and a busy timeout so concurrent importers wait
/// instead of failing. Opened read-only (<see cref="SqliteOpenOptions.ReadOnly"/>), nothing is
/// created or written, so a file the user may only read (or one on read-only media) can be read.
/// </summary>
public sealed class SqliteConnectionFactory : IConnectionFactory
{
    private readonly string _path;
    private readonly SqliteOpenOptions _options;
    private string? _immutable;

    /// <summary>Creates a factory for the database file at <paramref name="path"/>; its folder is created unless it is opened read-only.</summary>
    public SqliteConnectionFactory(string path, SqliteOpenOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _options = options ?? SqliteOpenOptions.Default;
        var folder = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(folder) && !_options.ReadOnly)
        {
            Directory.CreateDirectory(folder);
        }

        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            ForeignKeys = true,
            DefaultTimeout = Math.Max(1, _options.BusyTimeoutSeconds),
            Pooling = true,
            Mode = _options.ReadOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        }.ToString();
        SqliteTypeHandlers.Register();
    }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (Directory.Exists(_path))
        {
            throw new WarehouseException($"The warehouse {_path} is a directory, not a SQLite file; give --db the path of a file (e.g. {Path.Combine(_path, "warehouse.db")}).");
        }

        var connection = new SqliteConnection(_immutable ?? ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            using var pragma = connection.CreateCommand();
            // synchronous = NORMAL is SQLite's recommended setting with WAL: always consistent, and a commit
            // no longer waits for an fsync (the WAL is synced at checkpoints). A power cut may lose the last
            // loads; their files are then simply imported again by hash on the next run.
            var busy = Math.Max(1, _options.BusyTimeoutSeconds) * 1000;
            pragma.CommandText = _options.ReadOnly
                ? $"PRAGMA busy_timeout = {busy};"
                : $"PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = {busy};";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            if (_options.ReadOnly)
            {
                // The first read: where the file cannot be read as it is, this is where SQLite says so.
                pragma.CommandText = "SELECT COUNT(*) FROM sqlite_master";
                await pragma.ExecuteScalarAsync(cancellationToken);
            }
            return connection;
        }
        catch (SqliteException ex) when (_options.ReadOnly && _immutable is null && ex.SqliteErrorCode == 14 && CanOpenImmutable())
        {
            // A WAL-mode file in a folder that cannot be written (read-only media, another user's folder)
            // cannot get its shared-memory file: with no write-ahead log beside it, nobody is writing it,
            // and it is read as an immutable file.
            await connection.DisposeAsync();
            _immutable = new SqliteConnectionStringBuilder(ConnectionString) { DataSource = new Uri(_path).AbsoluteUri + "?immutable=1" }.ToString();
            return await OpenAsync(cancellationToken);
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync();
            throw new WarehouseException($"Cannot open the SQLite warehouse {_path}: {ex.Message}", ex);
        }
    }

    private bool CanOpenImmutable() => File.Exists(_path) && !File.Exists(_path + "-wal");

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
