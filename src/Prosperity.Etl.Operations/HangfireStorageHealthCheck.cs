using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Prosperity.Etl.Operations;

/// <summary>Healthy when Hangfire's storage answers and lists its servers.</summary>
public sealed class HangfireStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storage);
        try
        {
            var servers = storage.GetMonitoringApi().Servers();
            return Task.FromResult(HealthCheckResult.Healthy($"{servers.Count} Hangfire server(s) registered."));
        }
#pragma warning disable CA1031 // Any storage failure is reported as unhealthy, not thrown at the caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Hangfire storage: {ex.Message}"));
        }
    }
}
