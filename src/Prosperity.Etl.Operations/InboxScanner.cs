using Prosperity.Etl.Import;

namespace Prosperity.Etl.Operations;

/// <summary>Lists the workbooks in the inbox that a run should take.</summary>
public sealed class InboxScanner(InboxOptions options, TimeProvider clock)
{
    /// <summary>
    /// The inbox's workbooks in a stable order, as <see cref="IntakePolicy"/> takes them (no lock
    /// files, hidden files, feedback workbooks beside their source, pipes, devices or links out of
    /// the inbox); files still being written (changed within the settle time) are left for later.
    /// </summary>
    public IReadOnlyList<InboxFile> Scan()
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = System.IO.Path.GetFullPath(options.Path);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var settled = clock.GetUtcNow().AddSeconds(-options.SettleSeconds);
        return new IntakePolicy(options.FilePatterns).FilesIn(root)
            .Select(path => new FileInfo(path))
            .Where(info => info.LastWriteTimeUtc <= settled.UtcDateTime)
            .Select(info => new InboxFile(RelativePath(root, info.FullName), info.FullName, info.Length, new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero)))
            .OrderBy(f => f.RelativePath, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The '/' separated path of <paramref name="fullPath"/> inside <paramref name="root"/>.</summary>
    public static string RelativePath(string root, string fullPath) =>
        System.IO.Path.GetRelativePath(root, fullPath).Replace('\\', '/');
}
