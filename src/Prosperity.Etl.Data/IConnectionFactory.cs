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
