using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Operations.Tests;

public sealed class InboxScannerTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Put(string relative, DateTimeOffset written)
    {
        var path = Path.Combine(_temp.File("inbox"), relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, [0x50, 0x4B, 3, 4]);
        File.SetLastWriteTimeUtc(path, written.UtcDateTime);
        return path;
    }

    [Fact]
    public void Scan_ShouldTakeSettledWorkbooksAsTheIntakePolicyDoes_WhenTheInboxHoldsOtherFilesToo()
    {
        var clock = Some.Clock;
        var old = clock.GetUtcNow().AddMinutes(-5);
        Put("330602/a.xlsx", old);
        Put("330602/a.feedback.xlsx", old);
        Put("330603/b.feedback.xlsx", old); // a corrected feedback copy sent back: a return
        Put("330603/~$b.xlsx", old);
        Put("330603/.b.xlsx", old);
        Put("330604/copying.xlsx", clock.GetUtcNow().AddSeconds(-1));
        Put("readme.txt", old);

        var files = new InboxScanner(new InboxOptions { Path = _temp.File("inbox"), SettleSeconds = 5 }, clock).Scan();

        Assert.Equal(["330602/a.xlsx", "330603/b.feedback.xlsx"], files.Select(f => f.RelativePath));
        Assert.All(files, f => Assert.Equal(4, f.Length));
    }

    [Fact]
    public void Scan_ShouldBeEmpty_WhenTheInboxDoesNotExist()
    {
        Assert.Empty(new InboxScanner(new InboxOptions { Path = _temp.File("none") }, Some.Clock).Scan());
    }

    public void Dispose() => _temp.Dispose();
}
