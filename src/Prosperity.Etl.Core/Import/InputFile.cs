using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import;

/// <summary>
/// Whether a path given to import or validate may be opened at all. Only regular files with
/// content are read: a named pipe or a device (which report no size) would block the reader or
/// feed it for ever, and an empty file is not a workbook either, so a file of 0 bytes is refused
/// without being opened.
/// </summary>
public static class InputFile
{
    /// <summary>The issue that refuses <paramref name="path"/> without opening it, or null when it may be read.</summary>
    public static ValidationIssue? Refusal(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return Rules.NotAWorkbook.ForFile(path, "文件不存在。", "The file does not exist.");
        }

        return info.Length == 0
            ? Rules.NotAWorkbook.ForFile(path, "文件为空，或不是普通文件（管道、设备），未读取。",
                "The file is empty, or is not a regular file (a pipe or a device); it was not read.", found: "0 bytes")
            : null;
    }
}
