using System.Data.Common;

namespace Prosperity.Etl.Data;

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
