namespace Prosperity.Etl.Import;

/// <summary>The answer of <see cref="IWarehouseProbe.ProbeAsync"/>.</summary>
/// <param name="State">Ready, missing or unreadable.</param>
/// <param name="Location">Where the warehouse is, safe to print (no password).</param>
/// <param name="Reason">Why it is missing or unreadable, one line; null when ready.</param>
public sealed record WarehouseProbeResult(WarehouseState State, string Location, string? Reason = null);
