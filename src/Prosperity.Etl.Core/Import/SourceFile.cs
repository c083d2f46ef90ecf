namespace Prosperity.Etl.Import;

/// <summary>The file a submission came from.</summary>
public sealed record SourceFile(string Path, string FileName, string Sha256, long SizeBytes, DateTimeOffset ReceivedAt);
