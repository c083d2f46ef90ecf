namespace Prosperity.Etl.Import;

/// <summary>The file a submission came from.</summary>
/// <param name="Path">The full path it was read from.</param>
/// <param name="FileName">Its name.</param>
/// <param name="Sha256">The SHA-256 of its bytes.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="ReceivedAt">When the file arrived: the upload, the inbox scan that first saw it, or the file's own time when it is older than the import.</param>
public sealed record SourceFile(string Path, string FileName, string Sha256, long SizeBytes, DateTimeOffset ReceivedAt)
{
    /// <summary>The due date of the period's returns when the file arrived (null when the period is unknown).</summary>
    public DateOnly? DueOn { get; init; }

    /// <summary>Whole days after <see cref="DueOn"/> the file arrived (0: on time).</summary>
    public int? DaysLate { get; init; }
}
