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

    /// <summary>The suffix of feedback files; folders scanned for returns skip them.</summary>
    const string FeedbackSuffix = ".feedback.xlsx";
}
