using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>One issue of one attempt (or an attempt without issues), for "what went wrong across attempts".</summary>
public sealed record AttemptIssue(
    long SubmissionId,
    string FileName,
    string Status,
    string? RegionCode,
    string? PeriodCode,
    DateTimeOffset ReceivedAt,
    ValidationIssue? Issue);
