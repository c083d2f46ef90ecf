using System.Text;
using ExcelDataReader;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Excel.Cells;
using Prosperity.Etl.Excel.Reading;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Testing;

/// <summary>
/// The reader's invariant, checked with a reader of our own code's making on one side and
/// ExcelDataReader on the other: every non-empty cell of the value and explanation columns of the
/// indicator sheet, below the header, is either loaded (a fact of that row's indicator, its
/// explanation) or named in an issue on its row.
/// </summary>
public static class NoSilentLoss
{
    static NoSilentLoss() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The cells that were neither loaded nor named, as <c>Sheet!A1 'text'</c>; empty when the invariant holds.</summary>
    public static IReadOnlyList<string> Violations(string path, ReferenceCatalog catalog, TimeProvider clock) => Violations(path, catalog, clock, countIssues: true);

    /// <summary>As above; with <paramref name="countIssues"/> false, a cell named only in an issue counts as lost (to check the check).</summary>
    public static IReadOnlyList<string> Violations(string path, ReferenceCatalog catalog, TimeProvider clock, bool countIssues)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var reading = new WorkbookReader(new ReaderLimits(), catalog).Inspect(path);
        if (reading.Result.Submission is not { } submission)
        {
            return [];
        }

        var validated = new SubmissionValidator(catalog, clock).Validate(submission);
        var issues = reading.Result.Issues.Concat(validated.Issues).ToList();
        var sheet = reading.Layout.Single(l => l.Role == "indicator sheet").Sheet;
        var value = Column(reading, "value column");
        var explanation = Column(reading, "explanation column");
        var codes = submission.Values.GroupBy(v => Row(v.CodeLocation.Cell)).ToDictionary(g => g.Key, g => g.First().IndicatorCode);
        var firstDataRow = codes.Count == 0 ? int.MaxValue : codes.Keys.Min();
        var loaded = validated.Facts.ToDictionary(f => f.Indicator.Code, StringComparer.OrdinalIgnoreCase);

        var violations = new List<string>();
        foreach (var (row, column, text) in IndependentCells(path, sheet))
        {
            if (row < firstDataRow || (column != value && column != explanation))
            {
                continue;
            }

            var onItsRow = countIssues && issues.Any(i => i.Sheet == sheet && i.Cell is not null && Row(i.Cell) == row);
            var taken = codes.TryGetValue(row, out var code) && loaded.TryGetValue(code, out var fact)
                && (column == value || fact.Explanation is not null);
            if (!taken && !onItsRow)
            {
                violations.Add($"{sheet}!{CellAddress.Format(row, column)} '{text}'");
            }
        }

        return violations;
    }

    private static int Column(WorkbookReading reading, string role) =>
        reading.Layout.FirstOrDefault(l => l.Role == role) is { Cell: { } cell } && CellAddress.TryParse(cell, out _, out var c) ? c : -1;

    private static int Row(WorkbookReading reading, string role) =>
        reading.Layout.FirstOrDefault(l => l.Role == role) is { Cell: { } cell } ? Row(cell) : 0;

    private static int Row(string cell) => CellAddress.TryParse(cell, out var r, out _) ? r : 0;

    /// <summary>The non-empty cells of one sheet as ExcelDataReader reads them (1-based row and column).</summary>
    private static List<(int Row, int Column, string Text)> IndependentCells(string path, string sheetName)
    {
        var cells = new List<(int, int, string)>();
        using var stream = File.OpenRead(path);
        using var reader = ExcelReaderFactory.CreateReader(stream);
        do
        {
            if (reader.Name != sheetName)
            {
                continue;
            }

            var row = 0;
            while (reader.Read())
            {
                row++;
                for (var c = 0; c < reader.FieldCount; c++)
                {
                    var v = reader.GetValue(c);
                    var text = Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture);
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        cells.Add((row, c + 1, text));
                    }
                }
            }
        }
        while (reader.NextResult());
        return cells;
    }
}
