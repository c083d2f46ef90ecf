using Prosperity.Etl.Import;

namespace Prosperity.Etl.Operations;

/// <summary>Where districts drop their workbooks and where handled files go (configuration section <c>Inbox</c>).</summary>
public sealed class InboxOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Inbox";

    /// <summary>The folder scanned every night; it may hold one subfolder per district named by region code.</summary>
    public string Path { get; set; } = "data/inbox";

    /// <summary>Accepted (and already loaded) files are moved here, keeping their subfolder.</summary>
    public string ArchivePath { get; set; } = "data/archive";

    /// <summary>Rejected files are moved here with their feedback workbook beside them.</summary>
    public string RejectedPath { get; set; } = "data/rejected";

    /// <summary>A file changed less than this many seconds ago may still be being copied; the next run takes it.</summary>
    public double SettleSeconds { get; set; } = 5;

    /// <summary>File name patterns taken from the inbox.</summary>
    public IReadOnlyList<string> FilePatterns { get; set; } = ImportOptions.DefaultFilePatterns;

    /// <summary>Largest upload accepted by the operator page, in bytes (default 20 MB, the import limit).</summary>
    public long MaxUploadBytes { get; set; } = 20L * 1024 * 1024;
}
