namespace Prosperity.Etl.Data.Tests;

/// <summary>Finds a folder of the repository (sql/queries, ...) above the test's output folder.</summary>
public static class RepositoryFolder
{
    public static string Find(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine([dir.FullName, .. parts]);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{Path.Combine(parts)} not found above {AppContext.BaseDirectory}");
    }
}
