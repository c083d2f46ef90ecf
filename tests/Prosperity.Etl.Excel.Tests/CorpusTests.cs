using System.Diagnostics;
using System.Globalization;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Validation;
using Xunit.Abstractions;

namespace Prosperity.Etl.Excel.Tests;

/// <summary>
/// Real files written by Excel, WPS, LibreOffice, Google Sheets and others (../shared/corpus): none
/// is a submission, so each must be rejected with a classified issue, and none may throw or hang.
/// </summary>
public class CorpusTests(ITestOutputHelper output)
{
    public static string? CorpusFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "corpus"), Path.Combine(dir.FullName, "..", "shared", "corpus") })
            {
                if (File.Exists(Path.Combine(candidate, "MANIFEST.tsv")))
                {
                    return Path.GetFullPath(candidate);
                }
            }
        }

        return null;
    }

    [SkippableFact]
    public void Read_ShouldClassifyEveryCorpusFile_WithoutThrowing()
    {
        var folder = CorpusFolder();
        Skip.If(folder is null, "The shared corpus folder (../shared/corpus) is not present on this machine.");

        var reader = new SubmissionWorkbookReader();
        var outcomes = new Dictionary<string, int>();
        var perFile = new List<string>();
        var unreadableButOpenable = new List<string>();
        var manifest = Manifest(folder!);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder!, "files")).Order(StringComparer.Ordinal))
        {
            var watch = Stopwatch.StartNew();
            var read = reader.Read(file);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{Path.GetFileName(file)} took {watch.Elapsed}");
            Assert.Null(read.Submission);
            var issue = Assert.Single(read.Issues.Take(1));
            Assert.Equal(file, issue.File);
            Assert.False(string.IsNullOrWhiteSpace(issue.MessageEn));
            Assert.False(string.IsNullOrWhiteSpace(issue.MessageZh));
            Assert.Contains(Rules.All, r => r.Code == issue.Code && r.Severity == Severity.Error);
            Assert.DoesNotContain("   at ", issue.MessageEn, StringComparison.Ordinal);
            outcomes[issue.Code] = outcomes.GetValueOrDefault(issue.Code) + 1;
            if (issue.Code == Rules.NotAWorkbook.Code && !NotASpreadsheet(manifest, Path.GetFileName(file)))
            {
                unreadableButOpenable.Add($"{Path.GetFileName(file)}: {issue.MessageEn}");
            }

            perFile.Add($"{Path.GetFileName(file)}\t{issue.Code}\t{issue.MessageEn}");
        }

        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "corpus-outcomes-by-file.tsv"), perFile);
        Assert.Equal([], unreadableButOpenable);

        // The counts by outcome, for the record (test output and a file beside the test assembly).
        var lines = outcomes.OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Key}\t{Rules.All.Single(r => r.Code == o.Key).TitleEn}\t{o.Value}"))
            .Append(string.Create(CultureInfo.InvariantCulture, $"total\t\t{outcomes.Values.Sum()}"))
            .ToList();
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "corpus-outcomes.tsv"), lines);
        Assert.True(outcomes.Values.Sum() >= 100, "the corpus should hold over 100 files");
    }

    /// <summary>The MANIFEST.tsv notes by file name.</summary>
    private static Dictionary<string, string> Manifest(string folder) =>
        File.ReadLines(Path.Combine(folder, "MANIFEST.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Where(f => f.Length > 9).ToDictionary(f => f[0], f => f[9], StringComparer.Ordinal);

    /// <summary>
    /// True for the files no spreadsheet program opens, by the corpus's own description: a text or
    /// binary placeholder with a spreadsheet's name, an empty zip, a lock file.
    /// </summary>
    private static bool NotASpreadsheet(Dictionary<string, string> manifest, string file) =>
        manifest.TryGetValue(file, out var note)
        && (note.Contains("not a spreadsheet", StringComparison.OrdinalIgnoreCase) || note.Contains("non-spreadsheet", StringComparison.OrdinalIgnoreCase)
            || note.Contains("empty zip", StringComparison.OrdinalIgnoreCase) || note.Contains("not a zip", StringComparison.OrdinalIgnoreCase));

    [SkippableFact]
    public void Write_ShouldGiveAFeedbackWorkbookThatReopens_ForEveryCorpusFile()
    {
        var folder = CorpusFolder();
        Skip.If(folder is null, "The shared corpus folder (../shared/corpus) is not present on this machine.");

        using var temp = new Testing.TempFolder();
        var reader = new SubmissionWorkbookReader();
        var writer = new FeedbackWorkbookWriter();
        var kinds = new Dictionary<Import.FeedbackKind, int>();
        string[] unreadable = ["STR001", "STR002", "STR003", "STR007", "STR008", "STR009", "STR010", "STR011"];
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder!, "files")).Order(StringComparer.Ordinal))
        {
            var issues = reader.Read(file).Issues;
            var output = temp.File(Path.GetFileNameWithoutExtension(file) + ".feedback.xlsx");

            var kind = writer.Write(file, issues, output);

            using var annotated = new ClosedXML.Excel.XLWorkbook(output);
            var list = annotated.Worksheet(1);
            Assert.Equal(FeedbackWorkbookWriter.IssuesSheetName, list.Name);
            Assert.Equal(issues[0].Code, list.Cell(2, 2).GetString());
            Assert.Equal(kind == Import.FeedbackKind.IssueListOnly, annotated.Worksheets.Count == 1);
            if (kind == Import.FeedbackKind.IssueListOnly)
            {
                // Only a file that cannot be read as a workbook at all gets the list alone.
                Assert.Contains(issues[0].Code, unreadable);
            }

            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"feedback: {kinds.GetValueOrDefault(Import.FeedbackKind.AnnotatedCopy)} annotated copies, {kinds.GetValueOrDefault(Import.FeedbackKind.RebuiltCopy)} rebuilt copies, {kinds.GetValueOrDefault(Import.FeedbackKind.IssueListOnly)} issue lists only"));
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "corpus-feedback.tsv"), string.Join("\n", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key}\t{k.Value}")) + "\n");
    }
}
