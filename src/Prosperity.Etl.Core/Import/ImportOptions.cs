namespace Prosperity.Etl.Import;

/// <summary>Import settings, bound from the <c>Import</c> configuration section.</summary>
public sealed class ImportOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "Import";

    /// <summary>Files larger than this are rejected before they are opened (default 20 MB).</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>File name patterns picked up from folders.</summary>
    public IReadOnlyList<string> FilePatterns { get; set; } = ["*.xlsx", "*.xlsm", "*.xls", "*.ods"];
}
