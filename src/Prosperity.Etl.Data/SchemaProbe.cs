using System.Data.Common;
using Dapper;
using Prosperity.Etl.Import;

namespace Prosperity.Etl.Data;

/// <summary>
/// The probe every engine shares: the warehouse is ready when its submission table answers a query
/// that reads no row. <paramref name="exists"/> lets an embedded engine say "missing" (at
/// <paramref name="location"/>) before a connection, or the connection factory itself, would create
/// the database or its folder.
/// </summary>
internal sealed class SchemaProbe(Func<IConnectionFactory> connections, SqlDialect dialect, Func<bool>? exists = null, string? location = null) : IWarehouseProbe
{
    /// <summary>A probe over a connection factory already made.</summary>
    public SchemaProbe(IConnectionFactory connections, SqlDialect dialect)
        : this(() => connections, dialect)
    {
    }

    /// <inheritdoc />
    public async Task<WarehouseProbeResult> ProbeAsync(CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connections);
        ArgumentNullException.ThrowIfNull(dialect);
        if (exists is not null && !exists())
        {
            return new WarehouseProbeResult(WarehouseState.Missing, location ?? connections().Describe(), "it does not exist");
        }

        var factory = connections();
        var where = factory.Describe();
        try
        {
            await using var connection = await factory.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM {dialect.Submission} WHERE 1 = 0", cancellationToken: cancellationToken));
            return new WarehouseProbeResult(WarehouseState.Ready, where);
        }
        catch (Exception ex) when (ex is DbException or WarehouseException or InvalidOperationException or TimeoutException)
        {
            // One line: PostgreSQL's messages carry detail lines (POSITION: ...).
            return new WarehouseProbeResult(WarehouseState.Unreadable, where, ex.Message.Split('\n', 2)[0].Trim());
        }
    }
}
