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
            perFile.Add($"{Path.GetFileName(file)}\t{issue.Code}\t{issue.MessageEn}");
        }

        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "corpus-outcomes-by-file.tsv"), perFile);

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

    [SkippableFact]
    public void Write_ShouldGiveAFeedbackWorkbookThatReopens_ForEveryCorpusFile()
    {
        var folder = CorpusFolder();
        Skip.If(folder is null, "The shared corpus folder (../shared/corpus) is not present on this machine.");

        using var temp = new Testing.TempFolder();
        var reader = new SubmissionWorkbookReader();
        var writer = new FeedbackWorkbookWriter();
        int copies = 0, lists = 0;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder!, "files")).Order(StringComparer.Ordinal))
        {
            var issues = reader.Read(file).Issues;
            var output = temp.File(Path.GetFileNameWithoutExtension(file) + ".feedback.xlsx");

            writer.Write(file, issues, output);

            using var annotated = new ClosedXML.Excel.XLWorkbook(output);
            var list = annotated.Worksheet(1);
            Assert.Equal(FeedbackWorkbookWriter.IssuesSheetName, list.Name);
            Assert.Equal(issues[0].Code, list.Cell(2, 2).GetString());
            if (annotated.Worksheets.Count > 1)
            {
                copies++;
            }
            else
            {
                lists++;
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"feedback: {copies} annotated copies, {lists} issue lists only"));
    }
}
