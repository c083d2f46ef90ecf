using Hangfire.Common;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Prosperity.Etl.Operations;

/// <summary>Registers the inbox's Hangfire jobs: <c>services.AddInboxJobs(configuration)</c>.</summary>
public static class InboxJobsRegistration
{
    /// <summary>
    /// Adds <see cref="InboxJobs"/> and what it needs of its own: the <c>Inbox</c> and <c>Jobs</c>
    /// sections (<see cref="InboxOptions"/>, <see cref="JobOptions"/>), the scanner, the folders,
    /// this server's <see cref="TransientRetryFilter"/> behind an <see cref="IJobFilterProvider"/>,
    /// and the health checks. The warehouse, its stores and the import use case come from the
    /// engine's and the application's own registrations; the job storage from the engine's.
    /// </summary>
    public static IServiceCollection AddInboxJobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var inbox = configuration.GetSection(InboxOptions.SectionName).Get<InboxOptions>() ?? new InboxOptions();
        var jobs = configuration.GetSection(JobOptions.SectionName).Get<JobOptions>() ?? new JobOptions();
        services.AddSingleton(inbox);
        services.AddSingleton(jobs);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<InboxScanner>();
        services.AddSingleton<InboxFolders>();
        services.AddSingleton(new TransientRetryFilter(jobs.TransientRetryAttempts, TimeSpan.FromSeconds(15)));
        // Before Hangfire's own registration, which only adds a filter provider when none is there.
        services.AddSingleton<IJobFilterProvider, TransientRetryFilterProvider>();
        services.AddTransient<InboxJobs>();
        services.AddSingleton<WarehouseHealthCheck>();
        services.AddSingleton<HangfireStorageHealthCheck>();
        return services;
    }
}
