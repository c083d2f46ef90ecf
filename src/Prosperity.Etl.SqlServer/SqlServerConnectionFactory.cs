using System.Data.Common;
using Microsoft.Data.SqlClient;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.SqlServer;

/// <summary>
/// Opens connections to a SQL Server warehouse; an unreachable server, a refused login or a missing
/// permission becomes one <see cref="WarehouseException"/> line naming the server and database.
/// </summary>
public sealed class SqlServerConnectionFactory : IConnectionFactory
{
    private readonly string _description;

    /// <summary>Creates a factory for a SqlClient connection string (Server=...;Database=...;...).</summary>
    public SqlServerConnectionFactory(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new WarehouseException($"The SQL Server connection string is not valid: {ex.Message}", ex);
        }

        if (string.IsNullOrEmpty(builder.InitialCatalog))
        {
            throw new WarehouseException("The SQL Server connection string names no database (Database=...).");
        }

        ConnectionString = builder.ConnectionString;
        Database = builder.InitialCatalog;
        _description = $"sqlserver:{builder.DataSource}/{Database}";
        UtcTimestampHandler.RegisterDefault();
    }

    /// <summary>The connection string (with its password, if any: do not print).</summary>
    public string ConnectionString { get; }

    /// <summary>The database name.</summary>
    public string Database { get; }

    /// <inheritdoc />
    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqlConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch (SqlException ex)
        {
            await connection.DisposeAsync();
            throw Explain(ex);
        }
    }

    /// <inheritdoc />
    public string Describe() => _description;

    /// <summary>Turns a driver exception into one line the operator can act on.</summary>
    public WarehouseException Explain(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var what = ex is SqlException sql
            ? sql.Number switch
            {
                4060 => $"database {Database} does not exist or the login may not open it",
                18456 => "login refused",
                229 or 262 or 297 or 300 or 1088 or 2760 => $"permission denied: {sql.Message}",
                -2 or -1 or 2 or 26 or 35 or 40 or 53 or 10054 or 10060 or 10061 or 11001 => $"server unreachable: {sql.Message}",
                // Severity 20 and above: the connection itself failed (SqlClient's transport errors).
                _ when sql.Class >= 20 => $"server unreachable: {sql.Message}",
                _ => sql.Message,
            }
            : ex.GetBaseException().Message;
        return new WarehouseException($"Cannot use the SQL Server warehouse {_description}: {what}", ex);
    }
}
