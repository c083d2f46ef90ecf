using System.Diagnostics;
using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Data.Sqlite;

namespace Prosperity.Etl.Benchmarks;

/// <summary>
/// The floor for importing a folder, run by <c>e2e</c> as a process of its own: every workbook read
/// forward-only with OpenXml's SAX reader (the cover's region code and period, the indicator
/// sheet's codes and values), and the rows inserted into a fresh SQLite table by one prepared
/// command in one transaction. No validation, no history, no ranking: what the hardware needs.
/// </summary>
public sealed class RawFloorBenchmark : IBenchmark
{
    public string Name => "raw-floor";

    public string Description => "raw-floor DIR DB: SAX read of every workbook and one prepared insert of its values (the floor e2e compares with)";

    public async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync("usage: raw-floor DIR DB");
            return 2;
        }

        var clock = Stopwatch.StartNew();
        File.Delete(args[1]);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = args[1], Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; CREATE TABLE fact (region TEXT NOT NULL, period TEXT NOT NULL, indicator TEXT NOT NULL, value NUMERIC NULL)";
            await create.ExecuteNonQueryAsync();
        }

        await using var tx = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO fact (region, period, indicator, value) VALUES ($r, $p, $i, $v)";
        var region = insert.Parameters.Add("$r", SqliteType.Text);
        var period = insert.Parameters.Add("$p", SqliteType.Text);
        var indicator = insert.Parameters.Add("$i", SqliteType.Text);
        var value = insert.Parameters.Add("$v", SqliteType.Text);
        await insert.PrepareAsync();
        var rows = 0;
        foreach (var file in Directory.GetFiles(args[0], "*.xlsx").Order(StringComparer.Ordinal))
        {
            var (code, quarter, values) = Read(file);
            region.Value = code;
            period.Value = quarter;
            foreach (var (indicatorCode, text) in values)
            {
                indicator.Value = indicatorCode;
                value.Value = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : DBNull.Value;
                rows += await insert.ExecuteNonQueryAsync();
            }
        }

        await tx.CommitAsync();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{rows} rows in {clock.Elapsed.TotalSeconds:0.000} s"));
        return 0;
    }

    /// <summary>The cover's region code (C5) and period (C7), and the indicator sheet's code (B) and value (F) from row 6 on.</summary>
    internal static (string Region, string Period, List<(string Code, string? Value)> Values) Read(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var shared = new List<string>();
        if (workbook.SharedStringTablePart is { } sst)
        {
            using var reader = OpenXmlReader.Create(sst);
            while (reader.Read())
            {
                if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
                {
                    shared.Add(reader.LoadCurrentElement()!.InnerText);
                }
            }
        }

        var sheets = workbook.Workbook.Sheets!.Elements<Sheet>().Select(s => (WorksheetPart)workbook.GetPartById(s.Id!)).ToList();
        var cover = Cells(sheets[0], shared);
        var values = new List<(string, string?)>();
        string? pendingCode = null;
        var pendingRow = 0;
        foreach (var (reference, text) in CellsInOrder(sheets[1], shared))
        {
            var (column, row) = Split(reference);
            if (row < 6)
            {
                continue;
            }

            if (column == "B")
            {
                if (pendingCode is not null)
                {
                    values.Add((pendingCode, null));
                }

                (pendingCode, pendingRow) = (text, row);
            }
            else if (column == "F" && pendingCode is not null && row == pendingRow)
            {
                values.Add((pendingCode, text));
                pendingCode = null;
            }
        }

        if (pendingCode is not null)
        {
            values.Add((pendingCode, null));
        }

        return (cover.GetValueOrDefault("C5", string.Empty).Trim(), cover.GetValueOrDefault("C7", string.Empty).Trim(), values);
    }

    private static Dictionary<string, string> Cells(WorksheetPart part, List<string> shared) =>
        CellsInOrder(part, shared).GroupBy(c => c.Reference, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Text, StringComparer.Ordinal);

    private static IEnumerable<(string Reference, string Text)> CellsInOrder(WorksheetPart part, List<string> shared)
    {
        using var reader = OpenXmlReader.Create(part);
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Cell) || !reader.IsStartElement)
            {
                continue;
            }

            var cell = (Cell)reader.LoadCurrentElement()!;
            var text = cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < shared.Count
                ? shared[i]
                : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText : cell.CellValue?.Text;
            if (!string.IsNullOrEmpty(text) && cell.CellReference?.Value is { } reference)
            {
                yield return (reference, text);
            }
        }
    }

    private static (string Column, int Row) Split(string reference)
    {
        var digits = reference.AsSpan().IndexOfAnyInRange('0', '9');
        return (reference[..digits], int.Parse(reference[digits..], CultureInfo.InvariantCulture));
    }
}
