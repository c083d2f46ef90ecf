namespace Prosperity.Etl.Data;

/// <summary>
/// How the warehouse is opened, decided by the caller after the container is built: the verbs that
/// only read (status, validate, issues, report, rank without --refresh) open an embedded warehouse
/// read-only and never create or migrate it; how long to wait for a lock another process holds.
/// </summary>
/// <param name="ReadOnly">Asked when the warehouse is first opened.</param>
/// <param name="BusyTimeoutSeconds">How long a connection waits for another writer's lock (<c>Warehouse:BusyTimeoutSeconds</c>).</param>
public sealed record WarehouseAccess(Func<bool> ReadOnly, int BusyTimeoutSeconds = 60)
{
    /// <summary>Read-write, the default wait.</summary>
    public static WarehouseAccess Default { get; } = new(() => false);
}
