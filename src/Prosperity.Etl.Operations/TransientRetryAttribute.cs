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
/// </summary>
/// <remarks>Put on job classes together with <c>[AutomaticRetry(Attempts = 0)]</c>; it runs after Hangfire's own retry filter.</remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class TransientRetryAttribute : JobFilterAttribute, IElectStateFilter
{
    private const string RetryCountParameter = "TransientRetryCount";

    /// <summary>Tries after a transient fault before giving up; set from configuration at start-up.</summary>
    public static int Attempts { get; set; } = 5;

    /// <summary>The first retry's delay; each next one doubles.</summary>
    public static TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(15);

    public TransientRetryAttribute() => Order = 30;

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
