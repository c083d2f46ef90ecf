using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>What the district receives as feedback.</summary>
public enum FeedbackKind
{
    /// <summary>Its own workbook, written back with every flagged cell marked.</summary>
    AnnotatedCopy,

    /// <summary>A copy rebuilt from the cells the reader read (values, merged cells, column widths), flagged cells marked; for files the writer cannot write back (.xls, pictures, unusual parts).</summary>
    RebuiltCopy,

    /// <summary>The issue list alone: the file could not be read as a workbook at all.</summary>
    IssueListOnly,
}

/// <summary>Writes the feedback copy of a district's workbook: every issue marked on its cell.</summary>
public interface IFeedbackWriter
{
    /// <summary>Writes the feedback for <paramref name="sourcePath"/> to <paramref name="outputPath"/>; says which kind it could write.</summary>
    FeedbackKind Write(string sourcePath, IReadOnlyList<ValidationIssue> issues, string outputPath);

    /// <summary>How the kind is named in the command's output.</summary>
    static string Describe(FeedbackKind kind) => kind switch
    {
        FeedbackKind.AnnotatedCopy => "annotated copy",
        FeedbackKind.RebuiltCopy => "rebuilt copy with the flagged cells marked",
        _ => "issue list (the file could not be read as a workbook)",
    };

    /// <summary>
    /// The feedback file's name for a source file: <c>X.xlsx</c> gives <c>X.feedback.xlsx</c>; a
    /// name that would pass <see cref="IntakePolicy.MaxNameBytes"/> has its stem shortened (see <see cref="IntakePolicy.FitName"/>).
    /// </summary>
    static string FeedbackFileName(string sourcePath) =>
        IntakePolicy.FitName(Path.GetFileNameWithoutExtension(sourcePath) + ".xlsx", ".feedback");

    /// <summary>The suffix of feedback files.</summary>
    const string FeedbackSuffix = ".feedback.xlsx";

    /// <summary>
    /// True for a feedback file written beside its source (<c>X.feedback.xlsx</c> next to <c>X.xlsx</c>,
    /// <c>X.XLS</c> or another workbook whose feedback name it is): folder scans skip it. A corrected
    /// feedback copy sent back on its own is a return like any other.
    /// </summary>
    static bool IsFeedbackBesideSource(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        if (!name.EndsWith(FeedbackSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder))
        {
            return false;
        }

        string[] sources = [".xlsx", ".xlsm", ".xls", ".ods"];
        return Directory.EnumerateFiles(folder).Any(f =>
            !string.Equals(Path.GetFileName(f), name, StringComparison.Ordinal)
            && sources.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)
            && string.Equals(FeedbackFileName(f), name, StringComparison.OrdinalIgnoreCase));
    }
}
