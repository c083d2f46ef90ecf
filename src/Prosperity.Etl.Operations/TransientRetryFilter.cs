using System.Data.Common;
using System.Net.Sockets;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Prosperity.Etl.Operations;

/// <summary>
/// Retries a job only when it failed for a transient reason (the database could not be reached, a
/// lock timed out), with a growing delay; any other failure, and a transient one that outlasts the
/// attempts, ends the job as deleted with its exception kept, so the run's continuation goes on
/// with the next file. A rejected workbook is not a failure at all: the import job succeeds.
/// One instance per server, with that server's <see cref="JobOptions.TransientRetryAttempts"/>;
/// <see cref="TransientRetryFilterProvider"/> applies it to jobs marked <see cref="TransientRetryAttribute"/>.
/// </summary>
internal sealed class TransientRetryFilter : IElectStateFilter
{
    private const string RetryCountParameter = "TransientRetryCount";

    /// <summary>A filter that tries <paramref name="attempts"/> more times after a transient fault, first after <paramref name="firstDelay"/>.</summary>
    public TransientRetryFilter(int attempts, TimeSpan firstDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempts);
        Attempts = attempts;
        FirstDelay = firstDelay;
    }

    /// <summary>Tries after a transient fault before giving up.</summary>
    public int Attempts { get; }

    /// <summary>The first retry's delay; each next one doubles.</summary>
    public TimeSpan FirstDelay { get; }

    /// <inheritdoc />
    public void OnStateElection(ElectStateContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CandidateState is not FailedState failed)
        {
            return;
        }

        var retries = context.GetJobParameter<int>(RetryCountParameter);
        if (IsTransient(failed.Exception) && retries < Attempts)
        {
            context.SetJobParameter(RetryCountParameter, retries + 1);
            var delay = FirstDelay * Math.Pow(2, retries);
            context.CandidateState = new ScheduledState(delay)
            {
                Reason = $"Transient fault, try {retries + 2} of {Attempts + 1} in {delay.TotalSeconds:0} s: {failed.Exception.Message}",
            };
            return;
        }

        context.CandidateState = new DeletedState(new ExceptionInfo(failed.Exception))
        {
            Reason = IsTransient(failed.Exception)
                ? $"Gave up after {retries + 1} tries: {failed.Exception.Message}"
                : $"Failed (not retried: not a transient fault): {failed.Exception.Message}",
        };
    }

    /// <summary>True when the exception, or one inside it, says the operation may succeed if tried again.</summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case DbException { IsTransient: true }:
                case SocketException:
                case TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }
        }

        return false;
    }
}
