namespace Prosperity.Etl.Import;

/// <summary>
/// Says whether the warehouse exists and its schema can be read, without creating, migrating or
/// writing anything: what a read-only verb (<c>validate</c>, <c>status</c>) and the health check ask.
/// Each engine registers its own.
/// </summary>
public interface IWarehouseProbe
{
    /// <summary>Looks at the warehouse; never throws for a missing or unreadable one, it says so.</summary>
    Task<WarehouseProbeResult> ProbeAsync(CancellationToken cancellationToken = default);
}
