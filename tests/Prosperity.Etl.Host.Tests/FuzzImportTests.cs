using ClosedXML.Excel;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Import;
using Prosperity.Etl.Sqlite;
using Prosperity.Etl.Testing;
using Prosperity.Etl.Validation;
using Xunit.Abstractions;

namespace Prosperity.Etl.Host.Tests;

/// <summary>
/// Mutates valid returns the way hand editing and broken transfers do (rows deleted, duplicated and
/// shuffled, cell types changed, bytes corrupted, the zip truncated) with a fixed seed and a bounded
/// count, and imports each: no exception escapes, and a rejected file loads nothing.
/// </summary>
public sealed class FuzzImportTests(ITestOutputHelper output) : IDisposable
{
    private const int Seed = 20_251_128;
    private const int CasesPerMutation = 5;
    private const int FirstRow = SubmissionTemplateWriter.FirstDataRow;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly object[] OddValues =
    [
        "abc", "69,987元", "６９９８７", "—", "#N/A", "1e400", "-5", "", " ", true, new DateTime(2025, 9, 30), -1e300, 0.000001, "=1/0", "5578万元", "45183人",
    ];

    internal static readonly string[] Mutations = ["delete-row", "duplicate-row", "shuffle-rows", "change-type", "corrupt-bytes", "truncate-zip", "drop-part"];

    [Fact]
    public async Task Import_ShouldNeverThrowAndLoadNothingOnRejection_WhenValidReturnsAreMutated()
    {
        var random = new Random(Seed);
        var db = _temp.File("warehouse.db");
        var warehouse = SqliteWarehouse.Create(db, Some.Clock, NullLoggerFactory.Instance);
        await warehouse.EnsureReadyAsync(Some.Catalog);
        var importer = new SubmissionImporter(new SubmissionWorkbookReader(), new SubmissionValidator(Some.Catalog, Some.Clock), warehouse,
            new ImportOptions { MaxReadSeconds = 30 }, Some.Clock, NullLogger<SubmissionImporter>.Instance, new ValidationOptions(), new FeedbackWorkbookWriter());
        var outcomes = new Dictionary<string, int>();
        var n = 0;
        foreach (var mutation in Mutations)
        {
            for (var i = 0; i < CasesPerMutation; i++)
            {
                var path = _temp.File($"{mutation}-{i}.xlsx");
                Mutate(mutation, random, path);
                var before = await FactCountAsync(db);

                var outcome = await importer.ImportAsync(path);

                Assert.All(outcome.Issues, issue => Assert.Contains(Rules.All, r => r.Code == issue.Code));
                if (outcome.Status == ImportStatus.Rejected)
                {
                    Assert.Equal(before, await FactCountAsync(db));
                    Assert.Contains(outcome.Issues, issue => issue.Severity == Severity.Error);
                }

                var key = $"{mutation} {outcome.Status}";
                outcomes[key] = outcomes.GetValueOrDefault(key) + 1;
                n++;
            }
        }

        foreach (var (key, count) in outcomes.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{key}: {count}");
        }

        Assert.Equal(Mutations.Length * CasesPerMutation, n);
        Assert.Contains(outcomes, o => o.Key.EndsWith("Rejected", StringComparison.Ordinal));
    }

    private static async Task<long> FactCountAsync(string db)
    {
        await using var c = await new SqliteConnectionFactory(db).OpenAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM dw_fact_indicator_value");
    }

    internal static void Mutate(string mutation, Random random, string path)
    {
        var rows = Some.Catalog.Indicators.Count;
        var builder = new WorkbookBuilder();
        switch (mutation)
        {
            case "delete-row":
                var deleted = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => FirstRow + random.Next(rows)).Distinct().OrderDescending().ToList();
                // Rows are deleted by moving the ones below up (ClosedXML's Row.Delete trips over the template's validations).
                builder.Edit(wb => deleted.ForEach(r =>
                {
                    var sheet = Indicators(wb);
                    for (var row = r; row < FirstRow + rows; row++)
                    {
                        for (var c = 1; c <= 7; c++)
                        {
                            sheet.Cell(row, c).Value = sheet.Cell(row + 1, c).Value;
                        }
                    }
                }));
                break;
            case "duplicate-row":
                var (source, value) = (FirstRow + random.Next(rows), random.Next(2) == 0 ? 1m : (decimal)random.Next(1, 1000));
                builder.Edit(wb =>
                {
                    var sheet = Indicators(wb);
                    var target = FirstRow + rows + 2;
                    sheet.Row(source).CopyTo(sheet.Row(target));
                    sheet.Cell(target, 6).Value = sheet.Cell(source, 6).IsEmpty() ? value : sheet.Cell(source, 6).Value;
                    if (value == 1m)
                    {
                        sheet.Cell(target, 6).Value = value;
                    }
                });
                break;
            case "shuffle-rows":
                var order = Enumerable.Range(0, rows).OrderBy(_ => random.Next()).ToList();
                builder.Edit(wb =>
                {
                    var sheet = Indicators(wb);
                    var copies = Enumerable.Range(0, rows).Select(r => Enumerable.Range(1, 7).Select(c => sheet.Cell(FirstRow + r, c).Value).ToList()).ToList();
                    for (var r = 0; r < rows; r++)
                    {
                        for (var c = 1; c <= 7; c++)
                        {
                            sheet.Cell(FirstRow + r, c).Value = copies[order[r]][c - 1];
                        }
                    }
                });
                break;
            case "change-type":
                var cells = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => (Row: FirstRow + random.Next(rows), Value: OddValues[random.Next(OddValues.Length)])).ToList();
                builder.Edit(wb => cells.ForEach(c =>
                {
                    var cell = Indicators(wb).Cell(c.Row, 6);
                    if (c.Value is string s && s.StartsWith('='))
                    {
                        cell.FormulaA1 = s[1..];
                    }
                    else
                    {
                        cell.Value = c.Value;
                    }
                }));
                break;
        }

        builder.Save(path);
        var bytes = File.ReadAllBytes(path);
        switch (mutation)
        {
            case "corrupt-bytes":
                for (var k = 0; k < 1 + random.Next(20); k++)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)(1 + random.Next(255));
                }

                File.WriteAllBytes(path, bytes);
                break;
            case "truncate-zip":
                File.WriteAllBytes(path, bytes[..random.Next(bytes.Length)]);
                break;
            case "drop-part":
                using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Update))
                {
                    var entries = zip.Entries.ToList();
                    entries[random.Next(entries.Count)].Delete();
                }

                break;
        }
    }

    private static IXLWorksheet Indicators(XLWorkbook wb) => wb.Worksheet(SubmissionFormat.IndicatorSheetName);
}
