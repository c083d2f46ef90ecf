namespace Prosperity.Etl.Operations;

/// <summary>The summary written when a run finishes.</summary>
public sealed record InboxRunSummary(int FilesSeen, int Accepted, int Rejected, int Skipped, int Failed, IReadOnlyList<string> PeriodsRefreshed);
