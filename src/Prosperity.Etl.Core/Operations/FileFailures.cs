namespace Prosperity.Etl.Operations;

/// <summary>How often the import of a file (by its SHA-256) has failed across every run, and why it last did.</summary>
/// <param name="Failures">Attempts that ended with a failure that is not transient, or never ended (the process died, the job was handed out again).</param>
/// <param name="LastFailure">The last failure's description, if any.</param>
public sealed record FileFailures(int Failures, string? LastFailure);
