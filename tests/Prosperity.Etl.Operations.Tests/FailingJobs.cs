using Hangfire;

namespace Prosperity.Etl.Operations.Tests;

/// <summary>Jobs that fail, marked for the transient-retry policy as the inbox jobs are.</summary>
[AutomaticRetry(Attempts = 0)]
[TransientRetry]
public static class FailingJobs
{
    public static void Transient() => throw new TimeoutException("The warehouse did not answer.");

    public static void Bug() => throw new InvalidOperationException("A programming error.");
}
