using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

/// <summary>
/// Imports a province bulletin table found among the files given to <c>prosperity import</c>: the
/// same file is skipped by its SHA-256, a table with errors is recorded as a rejected attempt, and a
/// good one is loaded as one bulletin submission per region.
/// </summary>
public sealed class BulletinImporter(IBulletinReader reader, IBulletinStore store, IWarehouse warehouse, TimeProvider clock, ILogger<BulletinImporter> logger)
{
    /// <summary>Reads the file as a bulletin; null when it is not one.</summary>
    public BulletinReadResult? TryRead(string path) => reader.TryRead(path);

    /// <summary>Imports a file <see cref="TryRead"/> recognised.</summary>
    public async Task<ImportOutcome> ImportAsync(string path, BulletinReadResult read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(read);
        var info = new FileInfo(path);
        byte[] hash;
        await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true))
        {
            hash = await SHA256.HashDataAsync(stream, cancellationToken);
        }

        var source = new SourceFile(Path.GetFullPath(path), info.Name, Convert.ToHexStringLower(hash), info.Length, clock.GetUtcNow());
        if (await warehouse.FindLoadedAsync(source.Sha256, cancellationToken) is { } loaded)
        {
            return new ImportOutcome(path, ImportStatus.AlreadyLoaded, loaded.SubmissionId, loaded.RegionCode, loaded.PeriodCode, 0, null, []);
        }

        var table = read.Table;
        if (table is null || read.Issues.Any(i => i.Severity == Severity.Error))
        {
            var id = await warehouse.RecordRejectedAsync(source, null, read.Issues, cancellationToken);
            logger.LogWarning("Rejected bulletin {File} as submission {SubmissionId}", source.FileName, id);
            return new ImportOutcome(path, ImportStatus.Rejected, id, null, table?.Period.Code, 0, null, read.Issues);
        }

        var result = await store.LoadAsync(source, table, cancellationToken);
        logger.LogInformation("Loaded bulletin {File} ({Title}): {Regions} regions, {FactCount} figures for {Period}",
            source.FileName, table.Title, result.Submissions, result.FactCount, table.Period.Code);
        return new ImportOutcome(path, read.Issues.Count > 0 ? ImportStatus.AcceptedWithWarnings : ImportStatus.Accepted, result.FirstSubmissionId,
            $"bulletin, {result.Submissions} regions", table.Period.Code, result.FactCount, null, read.Issues);
    }
}
