namespace Prosperity.Etl.Operations;

/// <summary>
/// Marks a job class or method whose failures go through <see cref="TransientRetryFilter"/>: a
/// transient fault is retried with a growing delay, any other failure ends the job at once. Put it
/// on job classes together with <c>[AutomaticRetry(Attempts = 0)]</c>. The attempts come from the
/// <c>Jobs</c> section of the server that runs the job, not from the attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class TransientRetryAttribute : Attribute
{
    /// <summary>True when the exception, or one inside it, says the operation may succeed if tried again.</summary>
    public static bool IsTransient(Exception? exception) => TransientRetryFilter.IsTransient(exception);
}
