using System.Data.Common;

namespace Prosperity.Etl.Data;

/// <summary>Opens connections to the warehouse.</summary>
public interface IConnectionFactory
{
    /// <summary>Opens a new connection, ready for use.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default);

    /// <summary>A description of the target that is safe to print (no password).</summary>
    string Describe();
}

/// <summary>Creates or upgrades the warehouse schema (DbUp over the dialect's sql/ scripts).</summary>
public interface ISchemaMigrator
{
    /// <summary>Runs the scripts not yet applied; returns their names.</summary>
    IReadOnlyList<string> Migrate();
}

/// <summary>A warehouse problem the operator can act on (unreachable server, failed migration).</summary>
public sealed class WarehouseException : Exception
{
    public WarehouseException()
    {
    }

    public WarehouseException(string message)
        : base(message)
    {
    }

    public WarehouseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
