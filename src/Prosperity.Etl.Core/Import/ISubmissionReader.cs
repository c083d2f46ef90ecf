using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>The outcome of reading a workbook: a submission, or the structural issues that prevented it.</summary>
public sealed record ReadResult(Submission? Submission, IReadOnlyList<ValidationIssue> Issues)
{
    /// <summary>A result for a file that could not be read at all.</summary>
    public static ReadResult Failed(ValidationIssue issue) => new(null, [issue]);
}

/// <summary>Reads a district's quarterly workbook into a <see cref="Submission"/>.</summary>
public interface ISubmissionReader
{
    /// <summary>Reads the file; never throws for a bad file, returns its issues instead.</summary>
    ReadResult Read(string path);
}
