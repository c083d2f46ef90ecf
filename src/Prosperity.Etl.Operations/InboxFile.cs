using Prosperity.Etl.Import;

namespace Prosperity.Etl.Operations;

/// <summary>A workbook waiting in the inbox; <c>RelativePath</c> is its '/' separated path inside the inbox (e.g. <c>330602/returns.xlsx</c>).</summary>
public sealed record InboxFile(string RelativePath, string FullPath, long Length, DateTimeOffset LastWriteUtc);
