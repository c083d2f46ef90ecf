using Prosperity.Etl.Domain;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>What a workbook turned out to be.</summary>
public enum WorkbookKind
{
    /// <summary>A district's quarterly return (a cover and an indicator sheet).</summary>
    Return,

    /// <summary>A province comparison table from a statistical bulletin.</summary>
    Bulletin,

    /// <summary>Neither, or not readable at all.</summary>
    Unknown,
}

/// <summary>
/// The outcome of reading a workbook: a submission, or a bulletin table, or the structural issues
/// that prevented both.
/// </summary>
public sealed record ReadResult(Submission? Submission, IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>What the file was read as.</summary>
    public WorkbookKind Kind { get; init; } = Submission is null ? WorkbookKind.Unknown : WorkbookKind.Return;

    /// <summary>The comparison table, when <see cref="Kind"/> is <see cref="WorkbookKind.Bulletin"/>.</summary>
    public BulletinReadResult? Bulletin { get; init; }

    /// <summary>A result for a file that could not be read at all.</summary>
    public static ReadResult Failed(ValidationIssue issue) => new(null, [issue]);
}

/// <summary>Reads a district's quarterly workbook into a <see cref="Submission"/> (or recognises a bulletin table).</summary>
public interface ISubmissionReader
{
    /// <summary>Reads the file; never throws for a bad file, returns its issues instead.</summary>
    ReadResult Read(string path);

    /// <summary>
    /// Reads the file, stopping with <see cref="OperationCanceledException"/> when the token is
    /// cancelled (the read time limit); a reader that cannot stop early ignores the token.
    /// </summary>
    ReadResult Read(string path, CancellationToken cancellationToken) => Read(path);
}
