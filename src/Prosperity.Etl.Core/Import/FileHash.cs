using System.Security.Cryptography;

namespace Prosperity.Etl.Import;

/// <summary>The SHA-256 that identifies a file everywhere (submissions, the inbox ledger, the archive): lower-case hex.</summary>
public static class FileHash
{
    /// <summary>The SHA-256 of the file at <paramref name="path"/>, read once, shared for reading by others.</summary>
    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}
