using System.Data.Common;
using Npgsql;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.PostgreSql;

/// <summary>
/// Opens connections to a PostgreSQL warehouse through one pooled <see cref="NpgsqlDataSource"/>;
/// an unreachable server, a refused login or a missing database becomes one
/// <see cref="WarehouseException"/> line that names the target without its password.
/// </summary>
public sealed class PostgreSqlConnectionFactory : IConnectionFactory, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _description;

    /// <summary>Creates a factory for an Npgsql connection string (Host=...;Database=...;Username=...).</summary>
    public PostgreSqlConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new WarehouseException($"The PostgreSQL connection string is not valid: {ex.Message}", ex);
        }

        // Npgsql falls back to the user's name; DbUp's database creation needs it spelt out.
        builder.Database ??= builder.Username ?? "postgres";
        ConnectionString = builder.ConnectionString;
        Database = builder.Database;
        _description = $"postgres:{builder.Host}:{builder.Port}/{Database}";
        _dataSource = NpgsqlDataSource.Create(builder);
        UtcTimestampHandler.RegisterDefault();
    }

    /// <summary>The connection string (with its password, if any: do not print).</summary>
    public string ConnectionString { get; }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw Explain(ex);
        }
    }

    /// <inheritdoc />
    public string Describe() => _description;

    /// <summary>Turns a driver exception into one line the operator can act on.</summary>
    public WarehouseException Explain(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var what = ex switch
        {
            PostgresException { SqlState: "3D000" } => $"database {Database} does not exist (run 'prosperity migrate' with a login that may create it)",
            PostgresException { SqlState: "28P01" or "28000" } p => $"login refused: {p.MessageText}",
            PostgresException { SqlState: "42501" } p => $"permission denied: {p.MessageText}",
            PostgresException p => p.MessageText,
            _ => $"server unreachable: {ex.GetBaseException().Message}",
        };
        return new WarehouseException($"Cannot use the PostgreSQL warehouse {_description}: {what}", ex);
    }

    /// <inheritdoc />
    public void Dispose() => _dataSource.Dispose();
}
