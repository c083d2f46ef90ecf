using System.Globalization;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;
using Sylvan.Data.Csv;

namespace Prosperity.Etl.Host.Input;

/// <summary>
/// Reads a long-format history file for <c>prosperity import-history</c>: a header row
/// <c>region,period,indicator,value,source</c> (any order, case-insensitive; other columns ignored),
/// then one figure per row, e.g. <c>330624,2024Q4,INC_URBAN_PC,61230,2024年全省各县（市、区）城乡居民收入</c>.
/// Every row is checked against the catalogue as a bulletin figure is (a known region valid in the
/// period, a known indicator, a number, one value per region, period and indicator); a problem is
/// reported at its cell as a spreadsheet program shows the file (sheet = the file's name, D5).
/// The figures of each period become one table.
/// </summary>
public static class HistoryCsvReader
{
    /// <summary>The columns a history file must have.</summary>
    public static readonly IReadOnlyList<string> Columns = ["region", "period", "indicator", "value", "source"];

    /// <summary>Reads <paramref name="path"/>: the tables by period (only when there is no error), and every issue.</summary>
    public static (IReadOnlyList<BulletinTable> Tables, IReadOnlyList<ValidationIssue> Issues) Read(string path, ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var file = Path.GetFileName(path);
        var sheet = Path.GetFileNameWithoutExtension(path);
        var issues = new List<ValidationIssue>();
        var figures = new List<(BulletinFigure Figure, Period Period, string Source)>();
        var seen = new Dictionary<(string, string, string), (decimal Value, string Cell)>();

        using var csv = CsvDataReader.Create(path, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', HeaderComparer = StringComparer.OrdinalIgnoreCase });
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim().TrimStart('\uFEFF')).ToArray();
        if (header.All(h => h.Length == 0))
        {
            issues.Add(Rules.Empty.ForFile(file, "历史数据文件为空：第一行应为表头 region,period,indicator,value,source。",
                "The history file is empty: its first row should be the header region,period,indicator,value,source."));
            return ([], issues);
        }

        var index = Columns.ToDictionary(c => c, c => Array.FindIndex(header, h => string.Equals(h, c, StringComparison.OrdinalIgnoreCase)));
        var missing = index.Where(kv => kv.Value < 0).Select(kv => kv.Key).ToList();
        if (missing.Count > 0)
        {
            issues.Add(Rules.MissingHeader.At(file, new CellRef(sheet, "A1"), string.Join(",", header), string.Join(",", Columns),
                $"表头缺少列：{string.Join("、", missing)}。", $"The header lacks the column(s) {string.Join(", ", missing)}."));
            return ([], issues);
        }

        var row = 1; // the header; a record is a row of the sheet a spreadsheet program shows
        while (csv.Read())
        {
            row++;
            string Field(string column) => index[column] < csv.RowFieldCount ? csv.GetString(index[column]).Trim() : string.Empty;
            CellRef At(string column) => new(sheet, Letter(index[column]) + row.ToString(CultureInfo.InvariantCulture));
            var (regionText, periodText, indicatorText, valueText, source) = (Field("region"), Field("period"), Field("indicator"), Field("value"), Field("source"));
            if (regionText.Length + periodText.Length + indicatorText.Length + valueText.Length + source.Length == 0)
            {
                continue; // a blank line
            }

            if (!Period.TryParse(periodText, out var period))
            {
                issues.Add(Rules.MalformedPeriod.At(file, At("period"), periodText, "2025Q3",
                    $"第{row}行的报告期“{periodText}”无法识别，应写作2025Q3。", $"Row {row}: the period '{periodText}' is not one; write it like 2025Q3."));
                continue;
            }

            var region = catalog.FindRegion(regionText, period);
            if (region is null)
            {
                issues.Add(catalog.IsKnownRegionCode(regionText)
                    ? Rules.RegionNotValidInPeriod.At(file, At("region"), regionText, $"a region valid in {period.Code}",
                        $"第{row}行：地区代码{regionText}在{period.LabelZh}无效。", $"Row {row}: region {regionText} is not valid in {period.Code}.")
                    : Rules.UnknownRegion.At(file, At("region"), regionText, "a region code of the catalogue",
                        $"第{row}行：地区代码“{regionText}”不存在。", $"Row {row}: unknown region code '{regionText}'."));
                continue;
            }

            var indicator = catalog.FindIndicator(indicatorText);
            if (indicator is null)
            {
                issues.Add(Rules.UnknownIndicator.At(file, At("indicator"), indicatorText, "an indicator code of the catalogue",
                    $"第{row}行：指标代码“{indicatorText}”不存在。", $"Row {row}: unknown indicator code '{indicatorText}'."));
                continue;
            }

            if (!decimal.TryParse(valueText, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                issues.Add(Rules.NotANumber.At(file, At("value"), valueText, $"a number in {indicator.Unit}",
                    $"第{row}行：{indicator.NameZh}的数值不是数字。", $"Row {row}: the value of {indicator.NameEn} is not a number."));
                continue;
            }

            var key = (region.Code, period.Code, indicator.Code);
            if (seen.TryGetValue(key, out var earlier))
            {
                if (earlier.Value != value)
                {
                    issues.Add(Rules.ConflictingDuplicate.At(file, At("value"), valueText,
                        earlier.Value.ToString(CultureInfo.InvariantCulture) + $" (as {earlier.Cell})",
                        $"第{row}行：{region.NameZh}{period.Code}的{indicator.NameZh}已在{earlier.Cell}给出不同数值。",
                        $"Row {row}: {indicator.NameEn} of {region.NameEn} {period.Code} is already given as {earlier.Value} at {earlier.Cell}."));
                }

                continue;
            }

            var cell = At("value");
            seen[key] = (value, cell.Cell);
            figures.Add((new BulletinFigure(region, indicator, value, cell), period, source));
        }

        if (figures.Count == 0 && issues.Count == 0)
        {
            issues.Add(Rules.Empty.ForFile(file, "历史数据文件只有表头，没有数据行。", "The history file has its header only, no figures."));
        }

        if (issues.Any(i => i.Severity == Severity.Error))
        {
            return ([], issues);
        }

        var tables = figures.GroupBy(f => f.Period)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var sources = g.Select(f => f.Source).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
                var title = sources.Count == 0 ? $"history {file}" : string.Join("; ", sources);
                return new BulletinTable(title, g.Key, sheet, g.Select(f => f.Figure).ToList(), []);
            })
            .ToList();
        return (tables, issues);
    }

    private static string Letter(int column)
    {
        var letters = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
