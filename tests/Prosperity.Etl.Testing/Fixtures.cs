namespace Prosperity.Etl.Testing;

/// <summary>
/// Committed workbooks written by other programs than ours (openpyxl, LibreOffice), made by
/// tests/fixtures/returns/make_fixtures.py, and the repository's own folders.
/// </summary>
public static class Fixtures
{
    /// <summary>The repository root (the folder holding Prosperity.Etl.sln).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A file of tests/fixtures/returns.</summary>
    public static string Return(string name) => Path.Combine(Root, "tests", "fixtures", "returns", name);

    /// <summary>A committed sample workbook under samples/workbooks.</summary>
    public static string Sample(string relative) => Path.Combine(Root, "samples", "workbooks", relative);

    /// <summary>Copies a fixture into a test folder (so the test may edit it or write beside it).</summary>
    public static string CopyTo(TempFolder temp, string fixture, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(temp);
        var target = temp.File(name ?? Path.GetFileName(fixture));
        File.Copy(fixture, target, overwrite: true);
        return target;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Prosperity.Etl.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repository root (Prosperity.Etl.sln) was not found above " + AppContext.BaseDirectory);
    }
}
