using Prosperity.Etl.Import;

namespace Prosperity.Etl.Operations;

/// <summary>Moves handled files out of the inbox: to the archive or to the rejected folder, keeping their subfolder.</summary>
public sealed class InboxFolders(InboxOptions options)
{
    /// <summary>The inbox's full path.</summary>
    public string Inbox => Path.GetFullPath(options.Path);

    /// <summary>The full path of a file of the inbox, refusing paths that would leave it.</summary>
    public string InboxPath(string relativePath) => Inside(Inbox, relativePath);

    /// <summary>
    /// Moves <paramref name="relativePath"/> (and its feedback workbook, if any) from the inbox into the
    /// archive, or the rejected folder when <paramref name="rejected"/>; returns where it is now. A file of the same name already there
    /// with other content is kept: the new one gets a suffix from its SHA-256 (its name shortened
    /// where it would pass <see cref="IntakePolicy.MaxNameBytes"/>).
    /// </summary>
    public async Task<string> MoveAsync(string relativePath, string sha256, bool rejected, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256);
        var source = InboxPath(relativePath);
        var targetRoot = Path.GetFullPath(rejected ? options.RejectedPath : options.ArchivePath);
        var target = Inside(targetRoot, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        if (File.Exists(target) && !string.Equals(await FileHash.Sha256Async(target, cancellationToken), sha256, StringComparison.OrdinalIgnoreCase))
        {
            // Shortened where needed, so the name never passes the file system's limit.
            target = Path.Combine(Path.GetDirectoryName(target)!, IntakePolicy.FitName(Path.GetFileName(target), "." + sha256[..12]));
        }

        if (File.Exists(target))
        {
            // The same bytes are there already (the district sent the file again): the inbox copy is redundant.
            File.Delete(source);
        }
        else
        {
            File.Move(source, target);
        }

        var feedback = Path.Combine(Path.GetDirectoryName(source)!, IFeedbackWriter.FeedbackFileName(source));
        if (File.Exists(feedback))
        {
            File.Move(feedback, Path.Combine(Path.GetDirectoryName(target)!, IFeedbackWriter.FeedbackFileName(target)), overwrite: true);
        }

        return target;
    }

    /// <summary>Joins a relative path to a root and refuses the result when it is not inside the root.</summary>
    public static string Inside(string root, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var full = Path.GetFullPath(Path.Combine(root, relativePath));
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!full.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The path {relativePath} is outside {root}.", nameof(relativePath));
        }

        return full;
    }
}
