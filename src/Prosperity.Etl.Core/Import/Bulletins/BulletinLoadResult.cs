using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

/// <summary>What loading a bulletin did.</summary>
/// <param name="FirstSubmissionId">The submission recorded for the first region.</param>
/// <param name="Submissions">One submission per region of the table.</param>
/// <param name="FactCount">Figures stored.</param>
/// <param name="Superseded">Earlier bulletin submissions for the same regions and period now superseded.</param>
public sealed record BulletinLoadResult(long FirstSubmissionId, int Submissions, int FactCount, int Superseded);
