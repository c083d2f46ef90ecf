using System.Reflection;
using Hangfire;
using Hangfire.Common;

namespace Prosperity.Etl.Operations;

/// <summary>
/// Hangfire's usual filters (global ones and filter attributes, with Hangfire's own rule that a
/// job's attribute replaces a global filter of its kind) and, for a job whose class or method is
/// marked <see cref="TransientRetryAttribute"/>, this server's <see cref="TransientRetryFilter"/>.
/// Given to the server as its filter provider, so each server (and each test) has its own policy.
/// </summary>
internal sealed class TransientRetryFilterProvider : IJobFilterProvider
{
    private readonly JobFilterProviderCollection _all;

    /// <summary>The usual filters and <paramref name="filter"/>.</summary>
    public TransientRetryFilterProvider(TransientRetryFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        _all = [GlobalJobFilters.Filters, new JobFilterAttributeFilterProvider(), new Marked(filter)];
    }

    /// <inheritdoc />
    public IEnumerable<JobFilter> GetFilters(Job job) => _all.GetFilters(job);

    private sealed class Marked(TransientRetryFilter filter) : IJobFilterProvider
    {
        // Runs after Hangfire's own retry filter (AutomaticRetry has order 20).
        private const int Order = 30;

        public IEnumerable<JobFilter> GetFilters(Job job)
        {
            ArgumentNullException.ThrowIfNull(job);
            return job.Type.GetCustomAttribute<TransientRetryAttribute>() is not null || job.Method.GetCustomAttribute<TransientRetryAttribute>() is not null
                ? [new JobFilter(filter, JobFilterScope.Type, Order)]
                : [];
        }
    }
}
