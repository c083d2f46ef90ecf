using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>Writes the feedback copy of a district's workbook: every issue marked on its cell.</summary>
public interface IFeedbackWriter
{
    /// <summary>Writes the annotated copy of <paramref name="sourcePath"/> to <paramref name="outputPath"/>.</summary>
    void Write(string sourcePath, IReadOnlyList<ValidationIssue> issues, string outputPath);

    /// <summary>The feedback file's name for a source file: <c>X.xlsx</c> gives <c>X.feedback.xlsx</c>.</summary>
    static string FeedbackFileName(string sourcePath) =>
        Path.GetFileNameWithoutExtension(sourcePath) + FeedbackSuffix;

    /// <summary>The suffix of feedback files.</summary>
    const string FeedbackSuffix = ".feedback.xlsx";

    /// <summary>
    /// True for a feedback file written beside its source (<c>X.feedback.xlsx</c> next to <c>X.xlsx</c>):
    /// folder scans skip it. A corrected feedback copy sent back on its own is a return like any other.
    /// </summary>
    static bool IsFeedbackBesideSource(string path)
    {
        if (!path.EndsWith(FeedbackSuffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var stem = Path.Combine(Path.GetDirectoryName(path) ?? ".", Path.GetFileName(path)[..^FeedbackSuffix.Length]);
        return File.Exists(stem + ".xlsx") || File.Exists(stem + ".xlsm") || File.Exists(stem + ".xls") || File.Exists(stem + ".ods");
    }
}
