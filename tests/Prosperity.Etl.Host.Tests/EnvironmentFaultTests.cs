using Microsoft.Data.Sqlite;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// Faults of the environment through the command line, verb by verb: a read-only, full, missing,
/// damaged or locked warehouse, a directory where the warehouse file should be. Each is one line
/// naming the warehouse and what to do, exit 2, never a stack trace; the verbs that only read
/// read a warehouse they may not write.
/// </summary>
public sealed class EnvironmentFaultTests : IDisposable
{
    private readonly TempFolder _temp = new();

    /// <summary>The verbs that write the warehouse.</summary>
    public static TheoryData<string> WritingVerbs => ["import", "migrate", "demo", "rank --refresh"];

    /// <summary>The verbs that only read it.</summary>
    public static TheoryData<string> ReadingVerbs => ["status", "validate", "issues", "rank", "report"];

    /// <summary>Every verb that opens the warehouse.</summary>
    public static TheoryData<string> AllVerbs => ["import", "migrate", "demo", "rank --refresh", "status", "validate", "issues", "rank", "report"];

    // migrate is left out: on an up-to-date warehouse it writes nothing, and says so.
    [SkippableTheory]
    [InlineData("import")]
    [InlineData("demo")]
    [InlineData("rank --refresh")]
    public async Task WritingVerb_ShouldSayInOneLineThatTheWarehouseIsReadOnly_WhenTheFileCannotBeWritten(string verb)
    {
        var db = await WarehouseAsync();
        using var readOnly = ReadOnlyPath.Make(db);

        var (exit, _, error) = await RunAsync(verb, db);

        AssertOneLine(exit, error, db, "is read-only");
    }

    [SkippableTheory]
    [MemberData(nameof(ReadingVerbs))]
    public async Task ReadingVerb_ShouldReadTheWarehouse_WhenNeitherTheFileNorItsFolderCanBeWritten(string verb)
    {
        var db = await WarehouseAsync();
        using var file = ReadOnlyPath.Make(db);
        using var folder = ReadOnlyPath.Make(Path.GetDirectoryName(db)!);

        var (exit, output, error) = await RunAsync(verb, db);

        Assert.True(exit is 0 or 1, $"exit {exit}: {error}");
        Assert.DoesNotContain("prosperity: ", error, StringComparison.Ordinal);
        Assert.NotEmpty(output);
    }

    [SkippableTheory]
    [MemberData(nameof(WritingVerbs))]
    public async Task WritingVerb_ShouldSayInOneLineThatTheWarehouseCannotBeCreated_WhenItsFolderCannotBeWritten(string verb)
    {
        var folder = Directory.CreateDirectory(_temp.File("media")).FullName;
        var db = Path.Combine(folder, "warehouse.db");
        using var readOnly = ReadOnlyPath.Make(folder);

        var (exit, _, error) = await RunAsync(verb, db);

        AssertOneLine(exit, error, db, "cannot be created");
    }

    [Theory]
    [MemberData(nameof(WritingVerbs))]
    public async Task WritingVerb_ShouldSayInOneLineThatTheDiskIsFull_WhenTheWarehouseIsDevFull(string verb)
    {
        Skip.IfNot(File.Exists("/dev/full"), "No /dev/full on this system.");

        var (exit, _, error) = await RunAsync(verb, "/dev/full");

        AssertOneLine(exit, error, "/dev/full", "the disk is full");
    }

    [Theory]
    [MemberData(nameof(AllVerbs))]
    public async Task Verb_ShouldSayInOneLineThatTheWarehouseIsADirectory_WhenADirectoryStandsWhereTheFileShouldBe(string verb)
    {
        var db = Directory.CreateDirectory(_temp.File("warehouse.db")).FullName;

        var (exit, _, error) = await RunAsync(verb, db);

        AssertOneLine(exit, error, db, "is a directory");
    }

    [Theory]
    [MemberData(nameof(ReadingVerbs))]
    public async Task ReadingVerb_ShouldSayInOneLineThatTheWarehouseDoesNotExist_AndCreateNothing(string verb)
    {
        var db = _temp.File(Path.Combine("nothing-yet", "warehouse.db"));

        var (exit, _, error) = await RunAsync(verb, db);

        if (verb == "validate")
        {
            // A dry run needs no warehouse: the history rules are left out, with a note.
            Assert.Equal(0, exit);
            Assert.Contains("the history rules (CON003, OUT001-OUT003) were not run", error, StringComparison.Ordinal);
        }
        else
        {
            AssertOneLine(exit, error, db, "does not exist");
        }

        Assert.False(Directory.Exists(Path.GetDirectoryName(db)));
    }

    [Theory]
    [MemberData(nameof(AllVerbs))]
    public async Task Verb_ShouldSayInOneLineThatTheWarehouseIsDamaged_WhenTheFileIsTruncated(string verb)
    {
        var db = await WarehouseAsync();
        var bytes = await File.ReadAllBytesAsync(db);
        await File.WriteAllBytesAsync(db, bytes[..5000]);

        var (exit, _, error) = await RunAsync(verb, db);

        AssertOneLine(exit, error, db, "is damaged");
    }

    [Theory]
    [MemberData(nameof(AllVerbs))]
    public async Task Verb_ShouldSayInOneLineThatTheWarehouseIsDamaged_WhenPagesAreOverwritten(string verb)
    {
        var db = await WarehouseAsync();
        var bytes = await File.ReadAllBytesAsync(db);
        new Random(7).NextBytes(bytes.AsSpan(2048, 20_480));
        await File.WriteAllBytesAsync(db, bytes);

        var (exit, _, error) = await RunAsync(verb, db);

        AssertOneLine(exit, error, db, "is damaged");
    }

    [Fact]
    public async Task Template_ShouldSayInOneLineWhatIsWrong_WhenTheOutputIsADirectoryOrItsFolderIsMissing()
    {
        var directory = Directory.CreateDirectory(_temp.File("template.xlsx")).FullName;
        var missing = _temp.File(Path.Combine("no-such-folder", "t.xlsx"));

        var intoDirectory = await CliRunner.RunAsync("template", "--region", "330624", "--period", "2025Q3", "--out", directory);
        var intoMissing = await CliRunner.RunAsync("template", "--region", "330624", "--period", "2025Q3", "--out", missing);

        AssertOneLine(intoDirectory.Exit, intoDirectory.Err, directory, string.Empty);
        Assert.True(intoMissing.Exit == 0 || (intoMissing.Exit == 2 && !intoMissing.Err.Contains("   at ", StringComparison.Ordinal)), intoMissing.Err);
    }

    private async Task<(int Exit, string Out, string Err)> RunAsync(string verb, string db)
    {
        var workbook = new WorkbookBuilder().Save(_temp.File($"return-{Guid.NewGuid():N}.xlsx"));
        string[] args = verb switch
        {
            "import" => ["import", workbook],
            "migrate" => ["migrate"],
            "demo" => ["demo", "--samples", _temp.File($"samples-{Guid.NewGuid():N}")],
            "rank --refresh" => ["rank", "--period", "2025Q3", "--refresh"],
            "status" => ["status", "--period", "2025Q3"],
            "validate" => ["validate", workbook],
            "issues" => ["issues", "--region", "330624"],
            "rank" => ["rank", "--period", "2025Q3"],
            "report" => ["report", "--period", "2025Q3", "--out", _temp.File($"report-{Guid.NewGuid():N}.xlsx")],
            _ => throw new ArgumentOutOfRangeException(nameof(verb)),
        };
        return await CliRunner.RunAsync([.. args, "--db", "sqlite:" + db]);
    }

    /// <summary>A warehouse with the demo in it, every change in the main file (no write-ahead log beside it).</summary>
    private async Task<string> WarehouseAsync()
    {
        var folder = Directory.CreateDirectory(_temp.File($"w-{Guid.NewGuid():N}")).FullName;
        var db = Path.Combine(folder, "warehouse.db");
        var demo = await CliRunner.RunAsync("demo", "--db", "sqlite:" + db, "--samples", _temp.File("demo-samples"));
        Assert.Equal(0, demo.Exit);
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(db + "-wal"), "the write-ahead log was not checkpointed");
        return db;
    }

    internal static void AssertOneLine(int exit, string error, string path, string says)
    {
        Assert.Equal(2, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("prosperity: ", line, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(path), line, StringComparison.Ordinal);
        Assert.Contains(says, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
