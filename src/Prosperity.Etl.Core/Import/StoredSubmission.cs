using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Import;

/// <summary>A submission already in the warehouse.</summary>
public sealed record StoredSubmission(long SubmissionId, string FileName, string Status, string? RegionCode, string? PeriodCode, DateTimeOffset ReceivedAt);
