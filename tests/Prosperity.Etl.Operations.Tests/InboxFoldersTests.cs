using System.Text;
using Prosperity.Etl.Import;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Operations.Tests;

public sealed class InboxFoldersTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private InboxOptions Options => new()
    {
        Path = _temp.File("inbox"),
        ArchivePath = _temp.File("archive"),
        RejectedPath = _temp.File("rejected"),
    };

    private static string Put(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Move_ShouldKeepBothFiles_AndStayWithin255Bytes_WhenALongNameIsTakenByOtherContent()
    {
        var options = Options;
        var name = "330602/" + new string('县', 82) + ".xlsx"; // 251 bytes: the hash suffix would make it 264
        Put(options.ArchivePath, name, "the first return");
        var inbox = Put(options.Path, name, "a corrected return");
        Put(options.Path, "330602/" + IFeedbackWriter.FeedbackFileName(inbox), "its feedback");
        var sha = await FileHash.Sha256Async(inbox);

        var moved = await new InboxFolders(options).MoveAsync(name, sha, rejected: false);

        Assert.True(Encoding.UTF8.GetByteCount(Path.GetFileName(moved)) <= IntakePolicy.MaxNameBytes, Path.GetFileName(moved));
        Assert.Contains(sha[..12], Path.GetFileName(moved), StringComparison.Ordinal);
        Assert.Equal("a corrected return", await File.ReadAllTextAsync(moved));
        Assert.Equal("the first return", await File.ReadAllTextAsync(Path.Combine(options.ArchivePath, name)));
        var feedback = Path.Combine(Path.GetDirectoryName(moved)!, IFeedbackWriter.FeedbackFileName(moved));
        Assert.True(File.Exists(feedback));
        Assert.True(Encoding.UTF8.GetByteCount(Path.GetFileName(feedback)) <= IntakePolicy.MaxNameBytes);
        Assert.False(File.Exists(inbox));
    }

    [Fact]
    public void FeedbackFileName_ShouldStayWithin255Bytes_AndBeRecognisedBesideItsSource_WhenTheSourceNameIsLong()
    {
        var source = Put(_temp.Path, "in/" + new string('县', 80) + ".xlsx", "return"); // 245 bytes
        var feedback = Put(_temp.Path, "in/" + IFeedbackWriter.FeedbackFileName(source), "feedback");

        Assert.True(Encoding.UTF8.GetByteCount(Path.GetFileName(feedback)) <= IntakePolicy.MaxNameBytes);
        Assert.True(IFeedbackWriter.IsFeedbackBesideSource(feedback));
        Assert.Equal([source], new IntakePolicy(ImportOptions.DefaultFilePatterns).FilesIn(_temp.File("in")));
    }

    [Fact]
    public void Inside_ShouldRefuseAPathThatLeavesTheRoot()
    {
        Assert.Throws<ArgumentException>(() => InboxFolders.Inside(_temp.File("inbox"), "../archive/x.xlsx"));
        Assert.EndsWith(Path.Combine("inbox", "330602", "x.xlsx"), InboxFolders.Inside(_temp.File("inbox"), "330602/x.xlsx"), StringComparison.Ordinal);
    }

    public void Dispose() => _temp.Dispose();
}
