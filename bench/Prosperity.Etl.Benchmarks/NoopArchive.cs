using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Host;
using Prosperity.Etl.Import;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Benchmarks;

/// <summary>
/// An inbox of already archived files for the nightly no-op: copies of the province's returns, one
/// per region and quarter going back as far as needed, each made distinct by its zip comment (so
/// every file has its own SHA-256), recorded in the warehouse as loaded with their facts.
/// Recording goes through the warehouse's load path directly, not through the reader, so building
/// an archive of 1,000 files stays quick; the no-op only ever sees each file's hash.
/// </summary>
internal static class NoopArchive
{
    public static async Task<int> BuildAsync(IReadOnlyList<string> workbooks, int count, Period lastPeriod, string folder, string db, IConfiguration configuration)
    {
        Directory.CreateDirectory(folder);
        await using var services = BenchServices.Build(configuration, db);
        await services.EnsureWarehouseAsync(CancellationToken.None);
        var catalog = services.GetRequiredService<Reference.ReferenceCatalog>();
        var warehouse = services.GetRequiredService<IWarehouse>();
        var random = new Random(5);
        var period = lastPeriod;
        var written = 0;
        while (written < count)
        {
            period = Previous(period);
            foreach (var source in workbooks)
            {
                if (written == count)
                {
                    break;
                }

                var code = Path.GetFileName(source).Split('_')[0];
                if (catalog.FindRegion(code, period) is not { } region)
                {
                    continue;
                }

                var target = Path.Combine(folder, period.Code, Path.GetFileName(source).Replace(lastPeriod.Code, period.Code, StringComparison.Ordinal));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target, overwrite: true);
                await using (var zip = await ZipArchive.CreateAsync(File.Open(target, FileMode.Open), ZipArchiveMode.Update, leaveOpen: false, entryNameEncoding: null))
                {
                    zip.Comment = $"{region.Code} {period.Code}";
                }

                var bytes = await File.ReadAllBytesAsync(target);
                var file = new SourceFile(Path.GetFullPath(target), Path.GetFileName(target), Convert.ToHexStringLower(SHA256.HashData(bytes)), bytes.Length, DateTimeOffset.UtcNow);
                var facts = catalog.Indicators.Select(i => new FactValue(i, Math.Round((decimal)random.NextDouble() * 1_000m, 2), null, new CellRef("数据 Data", "F6"))).ToList();
                await warehouse.LoadAcceptedAsync(file, new ValidatedSubmission(null, region, period, facts, []));
                written++;
            }
        }

        return written;
    }

    private static Period Previous(Period p) => p.Quarter == 1 ? new Period(p.Year - 1, 4) : new Period(p.Year, p.Quarter - 1);
}
