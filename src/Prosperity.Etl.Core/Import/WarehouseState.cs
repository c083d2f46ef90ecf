namespace Prosperity.Etl.Import;

/// <summary>What <see cref="IWarehouseProbe"/> found.</summary>
public enum WarehouseState
{
    /// <summary>The schema answers a query.</summary>
    Ready,

    /// <summary>There is no warehouse yet (an embedded database file that does not exist).</summary>
    Missing,

    /// <summary>The warehouse is there but cannot be read: unreachable server, no schema, not a database.</summary>
    Unreadable,
}
