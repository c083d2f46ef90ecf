using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prosperity.Etl.Import;

namespace Prosperity.Etl.Operations;

/// <summary>Healthy when the warehouse's schema answers and its operations tables can be read.</summary>
public sealed class WarehouseHealthCheck(IWarehouseProbe probe, IOperationsStore store) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var found = await probe.ProbeAsync(cancellationToken);
        if (found.State != WarehouseState.Ready)
        {
            return HealthCheckResult.Unhealthy($"{found.Location}: {found.Reason}");
        }

        try
        {
            return await store.PingAsync(cancellationToken)
                ? HealthCheckResult.Healthy($"{found.Location} answers.")
                : HealthCheckResult.Unhealthy($"{found.Location}: the operations tables are missing; 'prosperity migrate' creates them.");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{found.Location}: {ex.Message}");
        }
    }
}
