using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Prosperity.Etl.Operations.Tests;

public sealed class TransientRetryFilterTests
{
    private static ServiceProvider Provider(int attempts) => new ServiceCollection()
        .AddInboxJobs(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:TransientRetryAttempts"] = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build())
        .BuildServiceProvider();

    private static async Task<string> FirstReasonAsync(JobStorage storage, string jobId, string state)
    {
        var monitor = storage.GetMonitoringApi();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (monitor.JobDetails(jobId)?.History.FirstOrDefault() is not { } latest || latest.StateName != state)
        {
            await Task.Delay(50, cancel.Token);
        }

        return monitor.JobDetails(jobId).History[0].Reason;
    }

    private static BackgroundJobServer Server(JobStorage storage, IServiceProvider provider) => new(new BackgroundJobServerOptions
    {
        WorkerCount = 1,
        SchedulePollingInterval = TimeSpan.FromMilliseconds(100),
        FilterProvider = provider.GetRequiredService<IJobFilterProvider>(),
    }, storage);

    [Fact]
    public async Task TransientRetry_ShouldUseEachServersOwnAttempts_WhenTwoServersAreConfiguredDifferently()
    {
        using var few = Provider(1);
        using var many = Provider(3);
        using var storageA = new InMemoryStorage();
        using var storageB = new InMemoryStorage();
        using var serverA = Server(storageA, few);
        using var serverB = Server(storageB, many);

        var a = new BackgroundJobClient(storageA).Enqueue(() => FailingJobs.Transient());
        var b = new BackgroundJobClient(storageB).Enqueue(() => FailingJobs.Transient());

        Assert.StartsWith("Transient fault, try 2 of 2 ", await FirstReasonAsync(storageA, a, "Scheduled"), StringComparison.Ordinal);
        Assert.StartsWith("Transient fault, try 2 of 4 ", await FirstReasonAsync(storageB, b, "Scheduled"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TransientRetry_ShouldDeleteAtOnce_WhenTheFailureIsNotTransient()
    {
        using var provider = Provider(5);
        using var storage = new InMemoryStorage();
        using var server = Server(storage, provider);

        var bug = new BackgroundJobClient(storage).Enqueue(() => FailingJobs.Bug());

        Assert.Contains("not a transient fault", await FirstReasonAsync(storage, bug, "Deleted"), StringComparison.Ordinal);
    }

    [Fact]
    public void AddInboxJobs_ShouldBindTheInboxAndJobsSections_WhenTheyAreConfigured()
    {
        using var provider = new ServiceCollection()
            .AddInboxJobs(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Inbox:Path"] = "/srv/inbox",
                ["Jobs:TransientRetryAttempts"] = "7",
                ["Jobs:RunLockMinutes"] = "3",
            }).Build())
            .BuildServiceProvider();

        Assert.Equal("/srv/inbox", provider.GetRequiredService<InboxOptions>().Path);
        Assert.Equal(3, provider.GetRequiredService<JobOptions>().RunLockMinutes);
        Assert.Equal(7, provider.GetRequiredService<TransientRetryFilter>().Attempts);
        Assert.IsType<TransientRetryFilterProvider>(provider.GetRequiredService<IJobFilterProvider>());
    }

    [Theory]
    [InlineData(typeof(TimeoutException), true)]
    [InlineData(typeof(System.Net.Sockets.SocketException), true)]
    [InlineData(typeof(InvalidOperationException), false)]
    [InlineData(typeof(FileNotFoundException), false)]
    public void IsTransient_ShouldLookInsideWrappers_WhenTheFaultIsNested(Type inner, bool transient)
    {
        var wrapped = new AggregateException(new InvalidOperationException("outer", (Exception)Activator.CreateInstance(inner)!));

        Assert.Equal(transient, TransientRetryFilter.IsTransient(wrapped));
    }
}
