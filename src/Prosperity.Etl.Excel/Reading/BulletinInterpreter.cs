using System.Globalization;
using System.Text.RegularExpressions;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel.Cells;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel.Reading;

/// <summary>
/// Reads a province comparison table from a statistical bulletin (全省各市…) out of a workbook's
/// cells, finding everything by its labels, not its address: the region column is the one naming
/// three or more cities, the data starts at the first such row, the header is the block of
/// (merged, multi-row) rows above it, the title and unit rows are above that, and footnotes below
/// are ignored. Columns are recognised by their header text (value, growth, 位次 rank), a header
/// naming only the population group by the measure in the title; a column with figures that names
/// no catalogue indicator is named in a warning, never dropped silently. Layouts are documented in
/// docs/comparison-tables.md.
/// </summary>
internal sealed partial class BulletinInterpreter(ReferenceCatalog catalog)
{
    private const int MaxRows = 300;
    private const int MaxColumns = 60;
    private static readonly string[] RankWords = ["位次", "排名", "排序", "名次"];
    private static readonly string[] GrowthWords = ["增长", "增速", "增幅", "同比", "比上年", "%"];
    private static readonly string[] FootnoteStarts = ["注", "说明", "资料来源", "数据来源", "*"];
    private static readonly string[] GroupWords = ["城镇", "城市", "农村", "农民", "全体", "城乡"];

    /// <summary>The first visible sheet that is a comparison table, read; null when the workbook holds none.</summary>
    public BulletinReading? Interpret(WorkbookCells workbook)
    {
        foreach (var sheet in workbook.Sheets.Where(s => s.IsVisible))
        {
            if (ReadSheet(workbook.Path, sheet) is { } result)
            {
                return result;
            }
        }

        return null;
    }

    private BulletinReading? ReadSheet(string path, WorksheetCells sheet)
    {
        if (sheet.Cells.Count == 0)
        {
            return null;
        }

        var lastRow = Math.Min(sheet.LastRow, MaxRows);
        var lastCol = Math.Min(sheet.LastColumn, MaxColumns);
        var grid = new Grid(sheet, lastRow, lastCol);
        var layout = new List<LayoutEntry>();
        var year = DateOnly.FromDateTime(DateTime.Today);
        var anyPeriod = new Period(Math.Clamp(year.Year, Period.MinYear, Period.MaxYear), 1);

        // The region column: the one naming the most cities of a province (at least three); in a table
        // of county-level units (全省各县（市、区）…), the one naming three or more of them, grouped by city or not.
        // Each cell is matched once: as a city (or the province), else as a county-level unit.
        var scores = Enumerable.Range(1, lastCol).Select(c =>
        {
            var (cities, counties) = (0, 0);
            for (var r = 1; r <= lastRow; r++)
            {
                var text = grid.Text(r, c);
                if (CityRow(text, anyPeriod) is { } named)
                {
                    cities += named.Level == RegionLevel.City ? 1 : 0;
                }
                else if (CountyCandidates(text, null).Count > 0)
                {
                    counties++;
                }
            }

            return (Col: c, Cities: cities, Counties: counties);
        }).ToList();
        var byCities = scores.MaxBy(x => x.Cities);
        var byCounties = scores.MaxBy(x => x.Counties);
        var (regionCol, countyTable) = byCounties.Counties >= 3 && byCounties.Counties > byCities.Cities ? (byCounties.Col, true)
            : byCities.Cities >= 3 ? (byCities.Col, byCities.Counties >= 3)
            : (0, false);
        if (regionCol == 0)
        {
            return null;
        }

        var firstData = Enumerable.Range(1, lastRow).First(r => CityRow(grid.Text(r, regionCol), anyPeriod) is not null
            || (countyTable && CountyCandidates(grid.Text(r, regionCol), null).Count > 0));
        var headerStart = firstData - 1;
        while (headerStart >= 1 && grid.DistinctTexts(headerStart) == 0)
        {
            headerStart--;
        }

        while (headerStart >= 1 && grid.DistinctTexts(headerStart) >= 2)
        {
            headerStart--;
        }

        headerStart++;
        var above = Enumerable.Range(1, Math.Max(0, headerStart - 1)).SelectMany(r => Enumerable.Range(1, lastCol).Select(c => grid.Text(r, c)))
            .Where(t => t.Length > 0).Distinct().ToList();
        var title = above.FirstOrDefault(t => !UnitPattern().IsMatch(t)) ?? sheet.Name;
        var issues = new List<ValidationIssue>();
        var titleCell = new CellRef(sheet.Name, "A1");

        Period? period = null;
        string? singleQuarter = null;
        foreach (var text in above.Append(sheet.Name))
        {
            period = PeriodWording.Read(text, whole: false, out var problem);
            singleQuarter ??= problem;
            if (period is not null || problem is not null)
            {
                break;
            }
        }

        if (period is null)
        {
            issues.Add(singleQuarter is not null
                ? Rules.MalformedPeriod.At(path, titleCell, title, "1月起的累计期 / a year-to-date period", singleQuarter, singleQuarter)
                : Rules.MalformedPeriod.At(path, titleCell, title, "2025年前三季度",
                    "比较表标题中没有报告期（如“2025年前三季度”“2025年上半年”“2025年”）。",
                    "The comparison table's title names no period (such as 2025年前三季度, 2025年上半年, 2025年)."));
            return new BulletinReading(new BulletinReadResult(null, issues), layout);
        }

        var tableUnit = above.Select(t => UnitPattern().Match(t)).Where(m => m.Success).Select(m => m.Groups["u"].Value).FirstOrDefault();
        layout.Add(new LayoutEntry("region column", sheet.Name, Address(firstData, regionCol), grid.Text(firstData, regionCol)));
        layout.Add(new LayoutEntry("title", sheet.Name, null, title));
        layout.Add(new LayoutEntry("period " + period.Value.Code, sheet.Name, null, title));
        var columns = ClassifyColumns(path, sheet.Name, grid, headerStart, firstData, regionCol, lastCol, title, period.Value, layout, issues);
        if (!columns.Any(c => c.Kind == ColumnKind.Value))
        {
            issues.Add(Rules.MissingHeader.At(path, new CellRef(sheet.Name, Address(headerStart, regionCol)), null, "城镇常住居民人均可支配收入…",
                "比较表的表头中没有可识别的指标。", "No column of the comparison table names a known indicator."));
            return new BulletinReading(new BulletinReadResult(null, issues), layout);
        }

        var figures = new List<BulletinFigure>();
        var ranks = new List<PublishedRank>();
        var growth = new List<BulletinFigure>();
        Region? previousRegion = null;
        var groups = countyTable ? CityGroups(grid, regionCol, firstData, lastRow, period.Value) : null;
        if (countyTable)
        {
            layout.Add(new LayoutEntry("county-level table: units named under their city's subtotal row", sheet.Name, Address(firstData, regionCol), grid.Text(firstData, regionCol)));
        }

        for (var r = firstData; r <= lastRow; r++)
        {
            var label = grid.Text(r, regionCol);
            if (label.Length == 0 || FootnoteStarts.Any(f => label.StartsWith(f, StringComparison.Ordinal)))
            {
                continue;
            }

            Region? region;
            if (groups is not null)
            {
                if (CityRow(label, period.Value) is { } subtotal)
                {
                    // The city's (or province's) own figure heading or closing its group: the city table carries it.
                    layout.Add(new LayoutEntry($"subtotal of {subtotal.Code} (not loaded from a county-level table)", sheet.Name, Address(r, regionCol), label));
                    continue;
                }

                region = ResolveCounty(path, sheet.Name, grid, r, regionCol, label, groups.GetValueOrDefault(r), period.Value, columns, issues, layout);
                if (region is null)
                {
                    continue;
                }
            }
            else
            {
                region = MatchRegion(label, period.Value);
            }

            if (region is null && RankWords.Any(w => label.Contains(w, StringComparison.Ordinal)))
            {
                // A rank row for one city (绍兴位次): every value column holds that city's rank.
                var of = RegionNamedIn(RankWordsPattern().Replace(label, string.Empty), period.Value) ?? previousRegion;
                if (of is not null)
                {
                    foreach (var col in columns.Where(c => c.Kind == ColumnKind.Value && grid.Number(r, c.Column) is not null))
                    {
                        ranks.Add(new PublishedRank(of, col.Indicator.Code, (int)grid.Number(r, col.Column)!.Value, new CellRef(sheet.Name, Address(r, col.Column))));
                    }
                }

                continue;
            }

            if (region is null)
            {
                continue;
            }

            previousRegion = region;
            foreach (var col in columns)
            {
                var place = new CellRef(sheet.Name, Address(r, col.Column));
                if (col.Kind == ColumnKind.Rank)
                {
                    if (grid.Number(r, col.Column) is { } rank)
                    {
                        ranks.Add(new PublishedRank(region, col.OfGrowth ? GrowthMeasure.RankingIndicator(col.Indicator).Code : col.Indicator.Code, (int)rank, place));
                    }

                    continue;
                }

                if (col.Kind == ColumnKind.Growth)
                {
                    // Published growth in percent (4.7, "4.7%", "-1.2"); blank or a dash is not published.
                    var text = grid.Text(r, col.Column).Trim().TrimEnd('%', '％').Trim();
                    var pct = grid.Number(r, col.Column)
                        ?? (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var g) ? g : null);
                    if (pct is { } published)
                    {
                        growth.Add(new BulletinFigure(region, col.Indicator, published, place));
                    }
                    else if (text.Length > 0 && text is not ("—" or "-" or "/" or "…" or "--"))
                    {
                        issues.Add(Rules.NotANumber.At(path, place, grid.Text(r, col.Column), "a percentage / 百分数",
                            $"{region.NameZh}的{col.Indicator.NameZh}增速不是数字。", $"{region.NameEn}'s growth of {col.Indicator.NameEn} is not a number."));
                    }

                    continue;
                }

                if (col.Kind != ColumnKind.Value)
                {
                    continue;
                }

                if (grid.Uncached(r, col.Column))
                {
                    issues.Add(ReturnInterpreter.UncachedFormula(path, place));
                    continue;
                }

                // A number is in the column's (or the table's) unit; a text may carry its own unit.
                var factor = Factor(col.Unit ?? tableUnit, col.Indicator);
                var parsed = grid.Number(r, col.Column) is { } n
                    ? new ParsedCellValue(CellValueKind.Number, n * factor)
                    : CellValueParser.ParseText(grid.Text(r, col.Column), col.Indicator.Unit) is { Kind: CellValueKind.Number, TypedUnit: null, Value: { } plain }
                        ? new ParsedCellValue(CellValueKind.Number, plain * factor)
                        : CellValueParser.ParseText(grid.Text(r, col.Column), col.Indicator.Unit);
                switch (parsed.Kind)
                {
                    case CellValueKind.Number when parsed.Value is { } v:
                        figures.Add(new BulletinFigure(region, col.Indicator, v, place));
                        break;
                    case CellValueKind.NotAvailable:
                        break;
                    default:
                        issues.Add(Rules.NotANumber.At(path, place, grid.Text(r, col.Column), "a number / 数字",
                            $"{region.NameZh}的{col.Indicator.NameZh}不是数字。", $"{region.NameEn}'s {col.Indicator.NameEn} is not a number."));
                        break;
                }
            }
        }

        // 快报 / 年报 in the title or a line above the header: the status of full-year figures.
        var stage = period.Value.Quarter == 4 ? above.Append(sheet.Name).Select(t => DataStages.Split(t).Stage).FirstOrDefault(st => st is not null) : null;
        if (stage is { } given)
        {
            layout.Add(new LayoutEntry($"status of the full-year figures: {given.LabelZh()} ({given.LabelEn()})", sheet.Name, null, title));
        }

        var table = new BulletinTable(title, period.Value, sheet.Name, figures, ranks) { Growth = growth, Stage = stage };
        issues.AddRange(PublishedRankCheck.Check(path, table, catalog));
        return new BulletinReading(new BulletinReadResult(table, issues), layout);
    }

    private List<ColumnInfo> ClassifyColumns(string path, string sheetName, Grid grid, int headerStart, int firstData, int regionCol, int lastCol,
        string title, Period period, List<LayoutEntry> layout, List<ValidationIssue> issues)
    {
        var columns = new List<ColumnInfo>();
        Indicator? last = null;
        var compactTitle = WhitespacePattern().Replace(title, string.Empty);
        for (var c = 1; c <= lastCol; c++)
        {
            if (c == regionCol)
            {
                continue;
            }

            var header = string.Concat(Enumerable.Range(headerStart, Math.Max(0, firstData - headerStart)).Select(r => grid.Text(r, c)).Distinct());
            var compact = WhitespacePattern().Replace(header, string.Empty);
            if (compact.Length == 0)
            {
                continue;
            }

            var headerCell = new CellRef(sheetName, Address(headerStart, c));

            // "比上年增长" (growth on last year) must not read as the income ratio (收入比).
            var named = compact.Replace("比上年", string.Empty, StringComparison.Ordinal).Replace("比去年", string.Empty, StringComparison.Ordinal);
            var indicator = MatchIndicator(named) ?? MatchGroupUnderTitle(named, compactTitle);
            if (indicator is null && !NamesAMeasure(named))
            {
                // A sub-header such as 绝对值 / 比上年增长 / 位次 belongs to the indicator of the columns before it.
                indicator = last;
            }

            if (indicator is null)
            {
                if (HasData(grid, c, firstData, regionCol, period))
                {
                    issues.Add(Rules.NotLoaded.At(path, headerCell, header, "a column naming a catalogue indicator",
                        $"比较表第{CellAddressLetters(c)}列“{header}”不是指标目录中的指标，未载入。",
                        $"Column {CellAddressLetters(c)} '{header}' of the comparison table is not a catalogue indicator, so it was not loaded."));
                    layout.Add(new LayoutEntry("not loaded: not a catalogue indicator", sheetName, headerCell.Cell, header));
                }

                continue;
            }

            var kind = RankWords.Any(w => compact.Contains(w, StringComparison.Ordinal)) ? ColumnKind.Rank
                : GrowthWords.Any(w => compact.Contains(w, StringComparison.Ordinal)) && indicator.Unit != "%" ? ColumnKind.Growth
                : ColumnKind.Value;

            // A rank column ranks the level (位次按绝对值排列) unless its own header names growth (增速位次, 增长位次).
            var ofGrowth = kind == ColumnKind.Rank && GrowthWords.Any(w => compact.Replace("比上年", string.Empty, StringComparison.Ordinal)
                .Replace("比去年", string.Empty, StringComparison.Ordinal).Contains(w, StringComparison.Ordinal));
            var unit = UnitInHeader().Match(compact) is { Success: true } m ? m.Groups["u"].Value : null;

            // The growth of a ratio is printed as a change in its own unit (缩小0.03), whose sign the
            // header words carry: it is read past, and computed from the two levels.
            var storedGrowth = kind == ColumnKind.Growth && !GrowthMeasure.IsDifference(indicator);
            columns.Add(new ColumnInfo(c, indicator, kind == ColumnKind.Growth && !storedGrowth ? ColumnKind.Ignored : kind, unit) { OfGrowth = ofGrowth });
            layout.Add(new LayoutEntry(kind switch
            {
                ColumnKind.Rank when ofGrowth => $"published growth rank of {indicator.Code} (compared, not stored)",
                ColumnKind.Rank => $"published rank of {indicator.Code} (compared, not stored)",
                ColumnKind.Growth when storedGrowth => $"published growth of {indicator.Code} (stored as published growth, %)",
                ColumnKind.Growth => $"published change of {indicator.Code} (read past; computed from the two levels)",
                _ => $"value of {indicator.Code}",
            }, sheetName, headerCell.Cell, header));
            last = indicator;
        }

        return columns;
    }

    /// <summary>True when a column has a figure on some row that names a region.</summary>
    private bool HasData(Grid grid, int column, int firstData, int regionCol, Period period)
    {
        for (var r = firstData; r <= grid.Rows; r++)
        {
            if (grid.Text(r, column).Length > 0 && MatchRegion(grid.Text(r, regionCol), period) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when a header names a population group or a measure of its own, so it is never taken for the column before it.</summary>
    private static bool NamesAMeasure(string header) =>
        header.Contains("收入", StringComparison.Ordinal) || header.Contains("居民", StringComparison.Ordinal) || header.Contains("人均", StringComparison.Ordinal)
        || GroupWords.Any(w => header.Contains(w, StringComparison.Ordinal));

    private static string CellAddressLetters(int column) => CellAddress.ColumnLetters(column);

    private Indicator? MatchIndicator(string header)
    {
        // The ratio first: its name also mentions incomes. 倍差 is how Zhejiang's bulletins name it.
        if (header.Contains("收入比", StringComparison.Ordinal) || header.Contains("倍差", StringComparison.Ordinal)
            || (header.Contains("城乡", StringComparison.Ordinal) && header.Contains('比', StringComparison.Ordinal)))
        {
            return catalog.FindIndicator("RATIO_URBAN_RURAL");
        }

        if (header.Contains("收入", StringComparison.Ordinal))
        {
            // The headline income: 全体居民人均可支配收入, or 居民人均可支配收入 with no population group.
            if (header.Contains("全体", StringComparison.Ordinal) || header.StartsWith("居民人均可支配收入", StringComparison.Ordinal))
            {
                return catalog.FindIndicator("INC_ALL_PC");
            }

            if (header.Contains("城镇", StringComparison.Ordinal) || header.Contains("城市", StringComparison.Ordinal))
            {
                return catalog.FindIndicator("INC_URBAN_PC");
            }

            if (header.Contains("农村", StringComparison.Ordinal) || header.Contains("农民", StringComparison.Ordinal))
            {
                return catalog.FindIndicator("INC_RURAL_PC");
            }
        }

        return catalog.Indicators.FirstOrDefault(i => header.Contains(i.NameZh, StringComparison.Ordinal));
    }

    /// <summary>
    /// A header naming only the population group (全体居民, 城镇常住居民, 农村常住居民) under a title naming the
    /// measure (…城乡居民人均可支配收入), as many bulletins print them.
    /// </summary>
    private Indicator? MatchGroupUnderTitle(string header, string title)
    {
        if (!title.Contains("收入", StringComparison.Ordinal) || header.Contains("收入", StringComparison.Ordinal))
        {
            return null;
        }

        if (header.Contains("全体", StringComparison.Ordinal))
        {
            return catalog.FindIndicator("INC_ALL_PC");
        }

        if (header.Contains("城镇", StringComparison.Ordinal) || header.Contains("城市", StringComparison.Ordinal))
        {
            return catalog.FindIndicator("INC_URBAN_PC");
        }

        if (header.Contains("农村", StringComparison.Ordinal) || header.Contains("农民", StringComparison.Ordinal))
        {
            return catalog.FindIndicator("INC_RURAL_PC");
        }

        return null;
    }

    private Region? MatchRegion(string label, Period period)
    {
        var s = WhitespacePattern().Replace(label, string.Empty);
        if (s.Length < 2)
        {
            return null;
        }

        var valid = catalog.RegionsDuring(period).Where(r => r.Level is RegionLevel.Province or RegionLevel.City).ToList();
        if (s is "全省" or "合计" or "全省合计")
        {
            return valid.FirstOrDefault(r => r.Level == RegionLevel.Province);
        }

        return valid.FirstOrDefault(r => r.NameZh == s || Short(r.NameZh) == s || (s.StartsWith(r.NameZh, StringComparison.Ordinal) && s.Length <= r.NameZh.Length + 1));
    }

    // A city or the province, also as a subtotal label (绍兴市小计, 南京市合计).
    private Region? CityRow(string label, Period period)
    {
        var s = WhitespacePattern().Replace(label, string.Empty);
        foreach (var suffix in SubtotalWords)
        {
            if (s.Length > suffix.Length + 1 && s.EndsWith(suffix, StringComparison.Ordinal))
            {
                s = s[..^suffix.Length];
                break;
            }
        }

        return MatchRegion(s, period);
    }

    private static readonly string[] SubtotalWords = ["小计", "合计"];

    // The county-level units (and functional areas) a label may name: the full name or without its
    // 区/县/市; several when the name recurs in another city of the province. Any validity when no period is given.
    private List<Region> CountyCandidates(string label, Period? period)
    {
        var s = WhitespacePattern().Replace(label, string.Empty);
        foreach (var lead in new[] { "其中：", "其中:", "其中" })
        {
            if (s.StartsWith(lead, StringComparison.Ordinal))
            {
                s = s[lead.Length..];
                break;
            }
        }

        s = s.TrimStart('#', '*', '△', '▲');
        if (s.Length < 2 || !CountyNames.TryGetValue(s, out var named))
        {
            return [];
        }

        return named.Where(r => period is not { } p || r.IsValidDuring(p)).DistinctBy(r => r.Code).ToList();
    }

    // Every county-level unit (and functional area) by its name and its name without 区/县/市, built once.
    private Dictionary<string, List<Region>> CountyNames => _countyNames ??= catalog.Regions
        .Where(r => r.IsCountyLevel)
        .SelectMany(r => new[] { (Name: r.NameZh, Region: r), (Name: ShortCounty(r.NameZh), Region: r) })
        .GroupBy(x => x.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(x => x.Region).Distinct().ToList(), StringComparer.Ordinal);

    private Dictionary<string, List<Region>>? _countyNames;

    private static string ShortCounty(string name) => name.Length > 2 && name[^1] is '区' or '县' or '市' ? name[..^1] : name;

    /// <summary>
    /// The city group of each row of a county-level table: the subtotal row above its units (a heading)
    /// or below them (a closing 小计), whichever agrees with more of the units named unambiguously.
    /// </summary>
    private Dictionary<int, Region> CityGroups(Grid grid, int regionCol, int firstData, int lastRow, Period period)
    {
        var cityAt = new SortedDictionary<int, Region>();
        for (var r = firstData; r <= lastRow; r++)
        {
            if (CityRow(grid.Text(r, regionCol), period) is { Level: RegionLevel.City } city)
            {
                cityAt[r] = city;
            }
        }

        Region? Above(int row) => cityAt.LastOrDefault(kv => kv.Key < row).Value;
        Region? Below(int row) => cityAt.FirstOrDefault(kv => kv.Key > row).Value;
        var (above, below) = (0, 0);
        for (var r = firstData; r <= lastRow; r++)
        {
            if (!cityAt.ContainsKey(r) && CountyCandidates(grid.Text(r, regionCol), period) is [var only])
            {
                above += Above(r)?.Code == only.ParentCode ? 1 : 0;
                below += Below(r)?.Code == only.ParentCode ? 1 : 0;
            }
        }

        var groups = new Dictionary<int, Region>();
        for (var r = firstData; r <= lastRow; r++)
        {
            if (!cityAt.ContainsKey(r) && (below > above ? Below(r) : Above(r)) is { } city)
            {
                groups[r] = city;
            }
        }

        return groups;
    }

    // The county-level unit a row names, resolved by its city group when the name recurs; null (with a
    // warning when the row has figures) for a label that names none or cannot be resolved.
    private Region? ResolveCounty(string path, string sheetName, Grid grid, int row, int regionCol, string label, Region? group, Period period,
        List<ColumnInfo> columns, List<ValidationIssue> issues, List<LayoutEntry> layout)
    {
        var candidates = CountyCandidates(label, period);
        var inGroup = group is null ? [] : candidates.Where(c => c.ParentCode == group.Code).ToList();
        var chosen = inGroup.Count == 1 ? inGroup[0] : candidates.Count == 1 ? candidates[0] : null;
        if (chosen is not null)
        {
            if (candidates.Count > 1)
            {
                layout.Add(new LayoutEntry($"{chosen.Code} ({chosen.NameZh}), resolved by its city group {group!.NameZh}", sheetName, Address(row, regionCol), label));
            }

            return chosen;
        }

        var hasFigures = columns.Any(c => c.Kind == ColumnKind.Value && grid.Text(row, c.Column).Length > 0);
        if (!hasFigures || RankWords.Any(w => label.Contains(w, StringComparison.Ordinal)))
        {
            return null;
        }

        var place = new CellRef(sheetName, Address(row, regionCol));
        var trimmed = label.Trim();
        if (candidates.Count > 1)
        {
            var names = string.Join("、", candidates.Select(c => (catalog.FindRegion(c.ParentCode ?? string.Empty, period)?.NameZh ?? string.Empty) + c.NameZh));
            var namesEn = string.Join(", ", candidates.Select(c => $"{c.NameEn} ({c.Code})"));
            issues.Add(Rules.NotLoaded.At(path, place, trimmed, "a county-level unit under its city's subtotal row",
                $"“{trimmed}”有{candidates.Count}个同名县级单位（{names}），所在城市分组无法确定，该行未载入。",
                $"'{trimmed}' names {candidates.Count} county-level units ({namesEn}) and its city group does not tell which, so the row was not loaded."));
        }
        else
        {
            issues.Add(Rules.NotLoaded.At(path, place, trimmed, "a county-level unit of the region catalogue",
                $"“{trimmed}”不是{group?.NameZh ?? "本省"}的县级单位（如市本级、开发区），该行数值未载入。",
                $"'{trimmed}' is not a county-level unit of {group?.NameEn ?? "the province"} (such as a city's own 市本级 or a development zone), so its figures were not loaded."));
        }

        layout.Add(new LayoutEntry("not loaded: not a county-level unit", sheetName, place.Cell, trimmed));
        return null;
    }

    private Region? RegionNamedIn(string label, Period period) =>
        catalog.RegionsDuring(period).Where(r => r.Level == RegionLevel.City)
            .FirstOrDefault(r => WhitespacePattern().Replace(label, string.Empty).Contains(Short(r.NameZh), StringComparison.Ordinal));

    private static string Short(string name) => name.Length > 2 && (name.EndsWith('市') || name.EndsWith('省')) ? name[..^1] : name;

    private static decimal Factor(string? unit, Indicator indicator) =>
        unit is null ? 1m : CellValueParser.ConversionFactor(unit, indicator.Unit) ?? 1m;

    /// <summary>
    /// The period a title names: 2025年前三季度, 2025年1-9月, 2025年上半年, 2025年一季度, 2025年全年 and a
    /// plain 2025年 (the full year); null where it names none or a single quarter (2025年四季度).
    /// </summary>
    public static Period? ParsePeriod(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return PeriodWording.Read(text, whole: false, out _);
    }

    private static string Address(int row, int column) => CellAddress.Format(row, column);

    [GeneratedRegex(@"单位[:：]\s*(?<u>[^\s,，、;；]+)")]
    private static partial Regex UnitPattern();

    [GeneratedRegex(@"[（(](?<u>亿元|万元|元|万人|人|万户|户|家|个|条|倍)[)）]")]
    private static partial Regex UnitInHeader();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex("位次|排名|排序|名次")]
    private static partial Regex RankWordsPattern();

    private enum ColumnKind
    {
        Value,
        Growth,
        Rank,
        Ignored,
    }

    private sealed record ColumnInfo(int Column, Indicator Indicator, ColumnKind Kind, string? Unit)
    {
        /// <summary>A rank column that ranks the growth column before it.</summary>
        public bool OfGrowth { get; init; }
    }
}
