using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text;

namespace Prosperity.Etl.Import;

/// <summary>
/// Which files are taken in, and under which names: the one policy of <c>import</c>, <c>validate</c>,
/// the nightly inbox scan and the upload page. A file is taken when its name matches one of the
/// file patterns and it is not an Office lock file (<c>~$</c>), a hidden file, a feedback workbook
/// written beside its source (<see cref="IFeedbackWriter.IsFeedbackBesideSource"/>), anything but a
/// regular file, or a link that leads out of the folder being read.
/// </summary>
public sealed class IntakePolicy
{
    /// <summary>The longest file name, in UTF-8 bytes, the policy lets a name (an upload, a move target) reach: most file systems' limit.</summary>
    public const int MaxNameBytes = 255;

    /// <summary>The policy over <paramref name="filePatterns"/> (<see cref="ImportOptions.FilePatterns"/>).</summary>
    public IntakePolicy(IReadOnlyList<string> filePatterns)
    {
        ArgumentNullException.ThrowIfNull(filePatterns);
        FilePatterns = filePatterns;
    }

    /// <summary>The file name patterns taken, e.g. <c>*.xlsx</c>.</summary>
    public IReadOnlyList<string> FilePatterns { get; }

    /// <summary>True when a file name matches one of the patterns (case-insensitive) and is neither a lock file nor hidden.</summary>
    public bool IsWorkbookName(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return !fileName.StartsWith("~$", StringComparison.Ordinal) && !fileName.StartsWith('.')
            && FilePatterns.Any(p => FileSystemName.MatchesSimpleExpression(p, fileName, ignoreCase: true));
    }

    /// <summary>
    /// The files of <paramref name="folder"/> and its subfolders that are taken, in ordinal order,
    /// each as <paramref name="folder"/> joined with its path inside it. Hidden and system entries, unreadable folders and links to folders are not
    /// entered; a link to a file counts only when it leads to a regular file inside <paramref name="folder"/>.
    /// </summary>
    public IReadOnlyList<string> FilesIn(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = false,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.Hidden | FileAttributes.System,
            MatchCasing = MatchCasing.CaseInsensitive,
        };
        var files = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var entry in new DirectoryInfo(current).EnumerateFileSystemInfos("*", options))
            {
                if (entry is DirectoryInfo directory)
                {
                    if (directory.LinkTarget is null && !directory.Name.StartsWith('.'))
                    {
                        pending.Push(directory.FullName);
                    }
                }
                else if (IsWorkbookName(entry.Name) && IsRegularFileInside(root, entry.FullName) && !IFeedbackWriter.IsFeedbackBesideSource(entry.FullName))
                {
                    files.Add(Path.Combine(folder, Path.GetRelativePath(root, entry.FullName)));
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>
    /// The files to read for the paths given on a command line: a folder gives <see cref="FilesIn"/>,
    /// anything else is taken as it is (a missing file is then reported by whoever reads it).
    /// </summary>
    public IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(FilesIn(path));
            }
            else
            {
                files.Add(path);
            }
        }

        return files;
    }

    /// <summary>
    /// True when <paramref name="path"/> is a regular file (not a pipe, socket or device) whose
    /// real location, after any link is followed, is inside <paramref name="root"/>.
    /// </summary>
    public static bool IsRegularFileInside(string root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        FileSystemInfo info = new FileInfo(path);
        if (info.LinkTarget is not null)
        {
            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            if (target is null || !target.Exists || target is DirectoryInfo)
            {
                return false;
            }

            info = target;
        }

        return info is FileInfo { Exists: true } file && IsInside(Path.GetFullPath(root), file.FullName) && FileKind.IsRegular(file.FullName);
    }

    /// <summary>True when <paramref name="fullPath"/> is below <paramref name="root"/>.</summary>
    public static bool IsInside(string root, string fullPath)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(fullPath);
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        return fullPath.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>
    /// Why an uploaded file's name cannot be stored in the inbox, or null when it can: a plain name
    /// (no folder, no <c>..</c>, not hidden, not a lock file), no control or bidirectional-override
    /// characters, a file pattern's extension, at most <see cref="MaxNameBytes"/> bytes. An uploaded
    /// <c>X.feedback.xlsx</c> is a return like any other (a corrected feedback copy).
    /// </summary>
    public string? UploadNameProblem(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name.Contains("..", StringComparison.Ordinal)
            || name.StartsWith('.') || name.StartsWith("~$", StringComparison.Ordinal) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0
            || name != name.Trim())
        {
            return $"'{Printable(name)}' is not a plain file name; upload a workbook named like 330602-2025Q3.xlsx.";
        }

        if (name.Any(IsControlOrBidi))
        {
            return $"'{Printable(name)}' contains control or text-direction characters; rename the workbook, e.g. 330602-2025Q3.xlsx.";
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxNameBytes)
        {
            return $"'{Printable(name)[..40]}…' is longer than {MaxNameBytes} bytes; upload it under a shorter name.";
        }

        return IsWorkbookName(name) ? null : $"'{name}': only {string.Join(", ", FilePatterns)} files are taken into the inbox.";
    }

    /// <summary>
    /// <paramref name="fileName"/> with <paramref name="suffix"/> (e.g. <c>.3fa9c2e1b0d4</c>) put
    /// before its extension, the stem shortened where needed (ending with a hash of the full stem,
    /// so two long names stay apart) so the result is at most <see cref="MaxNameBytes"/> bytes.
    /// </summary>
    public static string FitName(string fileName, string suffix = "")
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(suffix);
        var extension = Path.GetExtension(fileName);
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var name = stem + suffix + extension;
        if (Encoding.UTF8.GetByteCount(name) <= MaxNameBytes)
        {
            return name;
        }

        var hash = "~" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(stem)))[..12];
        var budget = MaxNameBytes - Encoding.UTF8.GetByteCount(hash + suffix + extension);
        if (budget < 1)
        {
            // An absurd extension: keep the hash and as much of the extension as fits.
            return (hash + suffix + extension)[..Math.Min(MaxNameBytes, hash.Length + suffix.Length + extension.Length)];
        }

        var kept = new StringBuilder();
        var bytes = 0;
        foreach (var rune in stem.EnumerateRunes())
        {
            bytes += rune.Utf8SequenceLength;
            if (bytes > budget)
            {
                break;
            }

            kept.Append(rune.ToString());
        }

        return kept + hash + suffix + extension;
    }

    /// <summary>
    /// The region-code folder a file was filed in: the nearest folder above it, at any depth, whose
    /// name is a region code (<paramref name="isRegionCode"/>); null when there is none.
    /// </summary>
    public static string? DistrictFolder(string path, Func<string, bool> isRegionCode)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(isRegionCode);
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(folder); folder = Path.GetDirectoryName(folder))
        {
            var name = Path.GetFileName(folder);
            if (name.Length > 0 && isRegionCode(name))
            {
                return name;
            }
        }

        return null;
    }

    private static bool IsControlOrBidi(char c) =>
        char.IsControl(c) || c is '\u200E' or '\u200F' or '\u061C' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Printable(string? name) =>
        name is null ? string.Empty : new string(name.Select(c => IsControlOrBidi(c) ? '?' : c).ToArray());
}
