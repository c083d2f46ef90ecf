using System.Text;
using Prosperity.Etl.Import;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Core.Tests;

public sealed class IntakePolicyTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly IntakePolicy _policy = new(ImportOptions.DefaultFilePatterns);

    private string Touch(string relative)
    {
        var path = Path.Combine(_temp.Path, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0x50, 0x4B, 3, 4]);
        return path;
    }

    private List<string> Names(string folder) => _policy.FilesIn(folder).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).ToList();

    [Fact]
    public void FilesIn_ShouldLeaveOutLockHiddenAndFeedbackFiles_WhenTheyAreBesideReturns()
    {
        Touch("in/330602/a.xlsx");
        Touch("in/330602/a.feedback.xlsx");
        Touch("in/~$a.xlsx");
        Touch("in/.hidden.xlsx");
        Touch("in/.cache/b.xlsx");
        Touch("in/notes.txt");
        Touch("in/c.ODS");

        Assert.Equal(["330602/a.xlsx", "c.ODS"], Names(Path.Combine(_temp.Path, "in")));
    }

    [Fact]
    public void FilesIn_ShouldTakeAFeedbackCopy_WhenNoSourceFileClaimsIt()
    {
        Touch("in/330602/a.feedback.xlsx");
        Touch("in/330602/b.feedback.xlsx");
        Touch("in/330602/b.xls");

        Assert.Equal(["330602/a.feedback.xlsx", "330602/b.xls"], Names(Path.Combine(_temp.Path, "in")));
        Assert.Null(_policy.UploadNameProblem("a.feedback.xlsx"));
    }

    [SkippableFact]
    public void FilesIn_ShouldLeaveOutLinksThatLeadOutOfTheFolder_AndTakeLinksInsideIt()
    {
        Skip.If(OperatingSystem.IsWindows(), "symbolic links need a privilege on Windows");
        var outside = Touch("secret/salaries.xlsx");
        var inside = Touch("in/330602/a.xlsx");
        Directory.CreateDirectory(Path.Combine(_temp.Path, "in", "330603"));
        File.CreateSymbolicLink(Path.Combine(_temp.Path, "in", "330603", "leak.xlsx"), outside);
        File.CreateSymbolicLink(Path.Combine(_temp.Path, "in", "330603", "copy.xlsx"), inside);
        Directory.CreateSymbolicLink(Path.Combine(_temp.Path, "in", "elsewhere"), Path.Combine(_temp.Path, "secret"));

        Assert.Equal(["330602/a.xlsx", "330603/copy.xlsx"], Names(Path.Combine(_temp.Path, "in")));
    }

    [SkippableFact]
    public void FilesIn_ShouldLeaveOutNamedPipes_WhenOneHasAWorkbookName()
    {
        Skip.IfNot(File.Exists("/usr/bin/mkfifo"), "mkfifo is not installed");
        Touch("in/a.xlsx");
        var pipe = Path.Combine(_temp.Path, "in", "pipe.xlsx");
        using (var mkfifo = System.Diagnostics.Process.Start("/usr/bin/mkfifo", [pipe]))
        {
            mkfifo.WaitForExit();
        }

        Assert.True(File.Exists(pipe));
        Assert.Equal(["a.xlsx"], Names(Path.Combine(_temp.Path, "in")));
        Assert.False(IntakePolicy.IsRegularFileInside(_temp.Path, pipe));
    }

    [Theory]
    [InlineData("330602-2025Q3.xlsx", true)]
    [InlineData("报表.xlsm", true)]
    [InlineData("a.feedback.xlsx", true)]
    [InlineData("../a.xlsx", false)]
    [InlineData("sub/a.xlsx", false)]
    [InlineData(".a.xlsx", false)]
    [InlineData("~$a.xlsx", false)]
    [InlineData("a.txt", false)]
    [InlineData("a\u202Excod.xlsx", false)] // right-to-left override: shows as "a.xlsx.doc" style tricks
    [InlineData("a\u2067b.xlsx", false)]
    [InlineData("a\tb.xlsx", false)]
    [InlineData("a\u0007b.xlsx", false)]
    public void UploadNameProblem_ShouldAcceptOnlyPlainWorkbookNames(string name, bool accepted)
    {
        var problem = _policy.UploadNameProblem(name);

        Assert.Equal(accepted, problem is null);
        if (problem is not null)
        {
            Assert.DoesNotContain('\u202E', problem);
        }
    }

    [Fact]
    public void UploadNameProblem_ShouldRefuseANameLongerThanTheFileSystemTakes()
    {
        var fits = new string('县', 80) + ".xlsx"; // 245 bytes
        var tooLong = new string('县', 84) + ".xlsx"; // 257 bytes

        Assert.Null(_policy.UploadNameProblem(fits));
        Assert.Contains("255 bytes", _policy.UploadNameProblem(tooLong), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, ".0123456789ab")]
    [InlineData(300, ".0123456789ab")]
    [InlineData(300, "")]
    public void FitName_ShouldNeverExceed255Bytes_AndKeepTheExtensionAndSuffix(int chars, string suffix)
    {
        var name = new string('县', chars) + ".xlsx";

        var fitted = IntakePolicy.FitName(name, suffix);

        Assert.True(Encoding.UTF8.GetByteCount(fitted) <= IntakePolicy.MaxNameBytes, fitted);
        Assert.EndsWith(suffix + ".xlsx", fitted, StringComparison.Ordinal);
        Assert.StartsWith("县县县", fitted, StringComparison.Ordinal);
        Assert.NotEqual(IntakePolicy.FitName(new string('县', chars - 1) + "乡.xlsx", suffix), fitted);
    }

    [Fact]
    public void FitName_ShouldLeaveAShortNameAsItIs()
    {
        Assert.Equal("a.0123.xlsx", IntakePolicy.FitName("a.xlsx", ".0123"));
    }

    [Theory]
    [InlineData("inbox/330602/x.xlsx", "330602")]
    [InlineData("inbox/330602/late/x.xlsx", "330602")]
    [InlineData("inbox/330602/330603/x.xlsx", "330603")]
    [InlineData("inbox/late/x.xlsx", null)]
    public void DistrictFolder_ShouldBeTheNearestRegionFolder_AtAnyDepth(string path, string? expected)
    {
        Assert.Equal(expected, IntakePolicy.DistrictFolder(Path.Combine(_temp.Path, path), Some.Catalog.IsKnownRegionCode));
    }

    public void Dispose() => _temp.Dispose();
}
