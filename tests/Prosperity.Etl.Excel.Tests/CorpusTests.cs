using System.Diagnostics;
using Prosperity.Etl.Excel;

namespace Prosperity.Etl.Excel.Tests;

/// <summary>
/// Real files written by Excel, WPS, LibreOffice, Google Sheets and others (../shared/corpus): none
/// is a submission, so each must be rejected with a classified issue, and none may throw or hang.
/// </summary>
public class CorpusTests
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
        foreach (var file in Directory.EnumerateFiles(Path.Combine(folder!, "files")).Order(StringComparer.Ordinal))
        {
            var watch = Stopwatch.StartNew();
            var read = reader.Read(file);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"{Path.GetFileName(file)} took {watch.Elapsed}");
            Assert.Null(read.Submission);
            var issue = Assert.Single(read.Issues.Take(1));
            Assert.Equal(file, issue.File);
            Assert.False(string.IsNullOrWhiteSpace(issue.MessageEn));
            outcomes[issue.Code] = outcomes.GetValueOrDefault(issue.Code) + 1;
        }

        Assert.True(outcomes.Values.Sum() >= 100, "the corpus should hold over 100 files");
    }
}
