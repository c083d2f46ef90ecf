using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Excel.Cells;

/// <summary>
/// Reads an .xlsx package in one forward-only pass with <see cref="XmlReader"/> over its zip entries:
/// the package relationships, the workbook (sheet names, visibility, date system), styles (which
/// cells show dates), shared strings and every worksheet. Every part, read or not, is streamed
/// through the package limits: the bytes it really expands to (a zip header can lie), its XML
/// nesting depth, and for worksheets the rows, columns and cells. Parts are found through their
/// relationships, so unusual layouts (parts at the zip root, backslashes in names, other namespace
/// prefixes, Strict OOXML) read like any other. The read stops when the token is cancelled.
/// </summary>
internal sealed class XlsxCellReader
{
    private const string RelationshipsPart = "_rels/.rels";
    private const int LabelWindowRows = 40;
    private const int LabelWindowColumns = 30;
    private const int BulletinRows = 300;
    private const int BulletinColumns = 60;

    private readonly string _path;
    private readonly ReaderLimits _limits;
    private readonly CancellationToken _cancellationToken;
    private readonly ReadScope _scope;
    private readonly Dictionary<string, ZipArchiveEntry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _consumed = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _sharedStrings = [];
    private readonly List<bool> _richSharedStrings = [];
    private long _expandedLeft;
    private long _cellsLeft;
    private bool[] _dateStyles = [];
    private string? _formula;

    private XlsxCellReader(string path, ReaderLimits limits, ReadScope scope, CancellationToken cancellationToken)
    {
        _scope = scope;
        _path = path;
        _limits = limits;
        _cancellationToken = cancellationToken;
        _expandedLeft = limits.MaxExpandedBytes;
        _cellsLeft = limits.MaxCells;
    }

    /// <summary>Reads the package; a package beyond the limits or damaged gives its issue instead of a workbook.</summary>
    public static WorkbookLoad Load(string path, ReaderLimits limits, ReadScope scope, CancellationToken cancellationToken)
    {
        var reader = new XlsxCellReader(path, limits, scope, cancellationToken);
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return new WorkbookLoad(reader.Read(zip), null);
        }
        catch (RefusedException refused)
        {
            return new WorkbookLoad(null, refused.Issue);
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or XmlException or EndOfStreamException or FormatException)
        {
            var line = FirstLine(ex.Message);
            return new WorkbookLoad(null, Rules.NotAWorkbook.ForFile(path, $"工作簿压缩包已损坏：{line}", $"The workbook package is damaged: {line}", expected: ".xlsx"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new WorkbookLoad(null, Rules.NotAWorkbook.ForFile(path, $"无法读取文件：{FirstLine(ex.Message)}", $"The file cannot be read: {FirstLine(ex.Message)}"));
        }
#pragma warning disable CA1031 // Whatever else a user's file provokes in the reader is that file's rejection, never a crash of the run.
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
#pragma warning restore CA1031
        {
            var line = FirstLine(ex.Message);
            return new WorkbookLoad(null, Rules.NotAWorkbook.ForFile(path, $"工作簿已损坏或无法解析：{ex.GetType().Name}: {line}",
                $"The workbook is damaged or cannot be parsed: {ex.GetType().Name}: {line}", expected: ".xlsx"));
        }
    }

    private WorkbookCells Read(ZipArchive zip)
    {
        if (zip.Entries.Count > _limits.MaxEntries)
        {
            throw Refuse(Rules.ExpandsTooMuch.ForFile(_path,
                Inv($"压缩包含{zip.Entries.Count}个部件，超过上限{_limits.MaxEntries}。"),
                Inv($"The package has {zip.Entries.Count} parts, above the limit of {_limits.MaxEntries}."),
                found: Inv($"{zip.Entries.Count} parts"), expected: Inv($"at most {_limits.MaxEntries} parts")));
        }

        foreach (var entry in zip.Entries)
        {
            _entries.TryAdd(Normalise(entry.FullName), entry);
        }

        var workbookPart = Relationships(RelationshipsPart, string.Empty)
            .FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target
            ?? _entries.Keys.FirstOrDefault(k => k.Equals("xl/workbook.xml", StringComparison.OrdinalIgnoreCase))
            ?? _entries.Keys.FirstOrDefault(k => k.EndsWith("workbook.xml", StringComparison.OrdinalIgnoreCase));
        if ((workbookPart is null || !_entries.ContainsKey(workbookPart)) && _entries.Keys.Any(k => k.EndsWith("workbook.bin", StringComparison.OrdinalIgnoreCase)))
        {
            throw Refuse(Rules.LegacyFormat.At(_path, null, ".xlsb", ".xlsx",
                "文件是Excel二进制工作簿（.xlsb），请用Excel或WPS“另存为”Excel工作簿（*.xlsx）后重新上报。",
                "The file is an Excel binary workbook (.xlsb); open it in Excel or WPS and use Save As > Excel Workbook (*.xlsx)."));
        }

        if (workbookPart is null || !_entries.ContainsKey(workbookPart))
        {
            throw Refuse(Rules.NotAWorkbook.ForFile(_path, "压缩包中没有工作簿部件（workbook.xml）。", "The package holds no workbook part (workbook.xml).", expected: ".xlsx"));
        }

        var folder = FolderOf(workbookPart);
        var workbookRels = Relationships(RelsOf(workbookPart), folder);
        var (sheets, date1904) = ReadWorkbook(workbookPart);
        if (workbookRels.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)).Target is { } styles && _entries.ContainsKey(styles))
        {
            ReadStyles(styles);
        }

        if (workbookRels.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target is { } strings && _entries.ContainsKey(strings))
        {
            ReadSharedStrings(strings);
        }

        var read = new List<WorksheetCells>();
        foreach (var (name, state, relationshipId) in sheets)
        {
            var target = workbookRels.FirstOrDefault(r => r.Id == relationshipId).Target;
            if (target is null || !_entries.ContainsKey(target))
            {
                // A chart sheet or a dangling reference has no cells to read.
                continue;
            }

            read.Add(ReadSheet(target, name, state, date1904));
        }

        // Parts not read for their content still count against the limits (and are refused when hostile),
        // so nothing that opens this file later meets an unchecked part.
        foreach (var (name, entry) in _entries)
        {
            if (!_consumed.Contains(name))
            {
                ScanOnly(name, entry);
            }
        }

        return new WorkbookCells(_path, WorkbookFormat.Xlsx, date1904, read);
    }

    private (List<(string Name, SheetVisibility State, string RelationshipId)> Sheets, bool Date1904) ReadWorkbook(string part)
    {
        var sheets = new List<(string, SheetVisibility, string)>();
        var date1904 = false;
        Parse(part, xml =>
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                return;
            }

            if (xml.LocalName == "workbookPr")
            {
                date1904 = IsTrue(xml.GetAttribute("date1904"));
            }
            else if (xml.LocalName == "sheet")
            {
                var state = xml.GetAttribute("state") switch
                {
                    "hidden" => SheetVisibility.Hidden,
                    "veryHidden" => SheetVisibility.VeryHidden,
                    _ => SheetVisibility.Visible,
                };
                var id = RelationshipIdAttribute(xml);
                sheets.Add((DecodeEscapes(xml.GetAttribute("name") ?? string.Empty), state, id ?? string.Empty));
            }
        });
        return (sheets, date1904);
    }

    private void ReadStyles(string part)
    {
        var customFormats = new Dictionary<int, string>();
        var cellFormats = new List<int>();
        var inCellXfs = false;
        Parse(part, xml =>
        {
            if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "cellXfs")
            {
                inCellXfs = false;
                return;
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                return;
            }

            switch (xml.LocalName)
            {
                case "numFmt" when int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id):
                    customFormats[id] = xml.GetAttribute("formatCode") ?? string.Empty;
                    break;
                case "cellXfs":
                    inCellXfs = !xml.IsEmptyElement;
                    break;
                case "xf" when inCellXfs:
                    cellFormats.Add(int.TryParse(xml.GetAttribute("numFmtId"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) ? f : 0);
                    break;
            }
        });
        _dateStyles = [.. cellFormats.Select(id => customFormats.TryGetValue(id, out var code) ? ExcelDates.IsDateFormatCode(code) : ExcelDates.IsBuiltInDateFormat(id))];
    }

    private void ReadSharedStrings(string part)
    {
        var text = new StringBuilder();
        var rich = false;
        var phoneticDepth = -1;
        Parse(part, xml =>
        {
            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.LocalName == "si":
                    text.Clear();
                    rich = false;
                    if (xml.IsEmptyElement)
                    {
                        Add();
                    }

                    break;
                case XmlNodeType.Element when xml.LocalName == "rPh" && !xml.IsEmptyElement:
                    phoneticDepth = xml.Depth;
                    break;
                case XmlNodeType.Element when xml.LocalName == "r":
                    rich = true;
                    break;
                case XmlNodeType.Element when xml.LocalName == "t" && phoneticDepth < 0:
                    text.Append(ReadText(xml));
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "rPh":
                    phoneticDepth = -1;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "si":
                    Add();
                    break;
            }
        });

        void Add()
        {
            _sharedStrings.Add(DecodeEscapes(text.ToString()));
            _richSharedStrings.Add(rich);
        }
    }

    private WorksheetCells ReadSheet(string part, string name, SheetVisibility state, bool date1904)
    {
        var cells = new List<WorkbookCell>();
        var merged = new List<MergedRange>();
        var widths = new Dictionary<int, double>();
        var row = 0;
        var column = 0;
        // Whether the rest of the sheet is kept: decided, in the narrower scope, once row 40 is passed.
        bool? keepAll = _scope == ReadScope.Everything ? true : null;
        Parse(part, xml =>
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                return;
            }

            switch (xml.LocalName)
            {
                case "dimension" when cells.Count == 0 && MergedRange.Parse(xml.GetAttribute("ref")) is { } dimension:
                    // The writer's own count of the used range sizes the list once (bounded: a dimension can lie).
                    var claimed = (long)(dimension.LastRow - dimension.FirstRow + 1) * (dimension.LastColumn - dimension.FirstColumn + 1);
                    cells.Capacity = (int)Math.Min(Math.Min(claimed, _cellsLeft), 1 << 18);
                    break;
                case "row":
                    row = int.TryParse(xml.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : row + 1;
                    column = 0;
                    if (row > _limits.MaxRows)
                    {
                        throw SheetTooBig(part, Inv($"row {row}"), Inv($"at most {_limits.MaxRows} rows"),
                            Inv($"行数超过上限{_limits.MaxRows}"), Inv($"uses row {row}, beyond the limit of {_limits.MaxRows} rows"));
                    }

                    break;
                case "c":
                    var reference = xml.GetAttribute("r");
                    if (reference is not null && CellAddress.TryParse(reference, out var cr, out var cc) && cc > 0)
                    {
                        column = cc;
                        if (cr > 0)
                        {
                            row = cr;
                        }
                    }
                    else
                    {
                        column++;
                    }

                    if (column > _limits.MaxColumns)
                    {
                        throw SheetTooBig(part, Inv($"column {column}"), Inv($"at most {_limits.MaxColumns} columns"),
                            Inv($"列数超过上限{_limits.MaxColumns}"), Inv($"uses column {column}, beyond the limit of {_limits.MaxColumns} columns"));
                    }

                    if (--_cellsLeft < 0)
                    {
                        throw SheetTooBig(part, Inv($"over {_limits.MaxCells} cells"), Inv($"at most {_limits.MaxCells} cells"),
                            Inv($"单元格总数超过上限{_limits.MaxCells:N0}"), Inv($"holds more than {_limits.MaxCells:N0} cells in all"));
                    }

                    if ((_cellsLeft & 0x3FF) == 0)
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                    }

                    if (keepAll is null && row > LabelWindowRows)
                    {
                        keepAll = cells.Any(c => c.Row <= LabelWindowRows && c.Column <= LabelWindowColumns && c.IsString && IsReturnLabel(c.Text));
                    }

                    if (keepAll == false && (row > BulletinRows || column > BulletinColumns))
                    {
                        // Counted and depth-checked like any cell, but no value is materialised.
                        PassOver(xml);
                        break;
                    }

                    if (ReadCell(xml, Math.Max(row, 1), column, date1904) is { } cell)
                    {
                        cells.Add(cell);
                    }

                    break;
                case "mergeCell" when MergedRange.Parse(xml.GetAttribute("ref")) is { } range:
                    merged.Add(range);
                    break;
                case "col":
                    if (int.TryParse(xml.GetAttribute("min"), NumberStyles.None, CultureInfo.InvariantCulture, out var min)
                        && int.TryParse(xml.GetAttribute("max"), NumberStyles.None, CultureInfo.InvariantCulture, out var max)
                        && double.TryParse(xml.GetAttribute("width"), NumberStyles.Float, CultureInfo.InvariantCulture, out var width))
                    {
                        for (var c = Math.Max(1, min); c <= Math.Min(max, Math.Min(_limits.MaxColumns, 1024)); c++)
                        {
                            widths[c] = width;
                        }
                    }

                    break;
            }
        });
        return new WorksheetCells(name, state, cells, merged, widths);
    }

    /// <summary>Reads one <c>c</c> element (the reader is on its start); null for a cell with neither value nor formula.</summary>
    private WorkbookCell? ReadCell(XmlReader xml, int row, int column, bool date1904)
    {
        _formula = null;
        var cell = ReadCellValue(xml, row, column, date1904);
        return cell is { HasFormula: true } c && _formula is not null ? c with { Formula = _formula } : cell;
    }

    private WorkbookCell? ReadCellValue(XmlReader xml, int row, int column, bool date1904)
    {
        var type = xml.GetAttribute("t");
        var style = int.TryParse(xml.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        if (xml.IsEmptyElement)
        {
            return null;
        }

        var depth = xml.Depth;
        string? value = null;
        string? inline = null;
        var inlineRich = false;
        var hasFormula = false;
        while (xml.Read())
        {
            CheckDepth(xml, null);
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                break;
            }

            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            switch (xml.LocalName)
            {
                case "f":
                    hasFormula = true;
                    _formula = ReadText(xml) is { Length: > 0 and <= 1024 } f ? f : null;
                    break;
                case "v":
                    value = ReadText(xml);
                    break;
                case "is":
                    (inline, inlineRich) = ReadInline(xml);
                    break;
            }
        }

        var cached = value is { Length: > 0 } || (type == "inlineStr" && inline is not null) || (type == "str" && value is not null);
        if (!cached)
        {
            return hasFormula ? new WorkbookCell(row, column, CellKind.Empty, 0, null, true, false) : null;
        }

        switch (type)
        {
            case "s":
                if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _sharedStrings.Count)
                {
                    return new WorkbookCell(row, column, _richSharedStrings[index] ? CellKind.RichString : CellKind.SharedString, 0, _sharedStrings[index], hasFormula, true);
                }

                throw new FormatException(Inv($"cell {CellAddress.Format(row, column)} refers to shared string {value}, which the workbook does not have"));
            case "inlineStr":
                return new WorkbookCell(row, column, inlineRich ? CellKind.RichString : CellKind.InlineString, 0, inline ?? DecodeEscapes(value ?? string.Empty), hasFormula, true);
            case "str":
                return new WorkbookCell(row, column, CellKind.FormulaString, 0, DecodeEscapes(value ?? string.Empty), hasFormula, true);
            case "b":
                return new WorkbookCell(row, column, CellKind.Boolean, value is "1" or "true" ? 1 : 0, null, hasFormula, true);
            case "e":
                return new WorkbookCell(row, column, CellKind.Error, 0, value!.Trim(), hasFormula, true);
            case "d":
                return DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var iso)
                    ? new WorkbookCell(row, column, CellKind.Date, iso.ToOADate(), ExcelDates.ToIso(iso), hasFormula, true)
                    : new WorkbookCell(row, column, CellKind.InlineString, 0, value, hasFormula, true);
            default:
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    // A number cell whose text is not a number: kept as the text it is, for the rules to judge.
                    return new WorkbookCell(row, column, CellKind.InlineString, 0, value, hasFormula, true);
                }

                if (style < _dateStyles.Length && _dateStyles[style] && ExcelDates.FromSerial(number, date1904) is { } date)
                {
                    return new WorkbookCell(row, column, CellKind.Date, number, ExcelDates.ToIso(date), hasFormula, true);
                }

                return new WorkbookCell(row, column, CellKind.Number, number, null, hasFormula, true);
        }
    }

    /// <summary>Reads to the end of the current element without taking its content (its depth is still checked).</summary>
    private void PassOver(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return;
        }

        var depth = xml.Depth;
        while (xml.Read())
        {
            CheckDepth(xml, null);
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                return;
            }
        }
    }

    private (string Text, bool Rich) ReadInline(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return (string.Empty, false);
        }

        var depth = xml.Depth;
        string? single = null;
        StringBuilder? text = null;
        var rich = false;
        var phonetic = false;
        while (xml.Read())
        {
            CheckDepth(xml, null);
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                break;
            }

            switch (xml.NodeType)
            {
                case XmlNodeType.Element when xml.LocalName == "r":
                    rich = true;
                    break;
                case XmlNodeType.Element when xml.LocalName == "rPh" && !xml.IsEmptyElement:
                    phonetic = true;
                    break;
                case XmlNodeType.EndElement when xml.LocalName == "rPh":
                    phonetic = false;
                    break;
                case XmlNodeType.Element when xml.LocalName == "t" && !phonetic:
                    var run = ReadText(xml);
                    if (single is null && text is null)
                    {
                        single = run;
                    }
                    else
                    {
                        text ??= new StringBuilder(single);
                        text.Append(run);
                    }

                    break;
            }
        }

        return (DecodeEscapes(text?.ToString() ?? single ?? string.Empty), rich);
    }

    /// <summary>The text content of the current element; leaves the reader on its end (or on the element when it is empty).</summary>
    private string ReadText(XmlReader xml)
    {
        if (xml.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = xml.Depth;
        string? single = null;
        StringBuilder? more = null;
        while (xml.Read())
        {
            CheckDepth(xml, null);
            if (xml.NodeType == XmlNodeType.EndElement && xml.Depth == depth)
            {
                break;
            }

            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                if (single is null)
                {
                    single = xml.Value;
                }
                else
                {
                    more ??= new StringBuilder(single);
                    more.Append(xml.Value);
                }
            }
        }

        return more?.ToString() ?? single ?? string.Empty;
    }

    private List<(string Id, string Type, string? Target)> Relationships(string relsPart, string sourceFolder)
    {
        var list = new List<(string Id, string Type, string? Target)>();
        if (!_entries.ContainsKey(relsPart))
        {
            return list;
        }

        Parse(relsPart, xml =>
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Relationship" && xml.GetAttribute("TargetMode") != "External")
            {
                var target = xml.GetAttribute("Target");
                list.Add((xml.GetAttribute("Id") ?? string.Empty, xml.GetAttribute("Type") ?? string.Empty,
                    target is null ? null : Resolve(sourceFolder, target)));
            }
        });
        return list;
    }

    /// <summary>Streams one part through the limits and hands each node to <paramref name="visit"/>.</summary>
    private void Parse(string part, Action<XmlReader> visit)
    {
        _consumed.Add(part);
        var entry = _entries[part];
        using var stream = Open(part, entry);
        try
        {
            using var xml = XmlReader.Create(stream, Settings);
            while (xml.Read())
            {
                CheckDepth(xml, part);
                visit(xml);
            }
        }
        catch (LimitException)
        {
            throw Refuse(ExpansionIssue(part, entry, stream));
        }
        catch (DepthException)
        {
            throw Refuse(DepthIssue(part));
        }
        finally
        {
            _expandedLeft -= stream.Count;
        }
    }

    /// <summary>Counts a part that is not read for its content: its expanded size, and for XML its nesting depth.</summary>
    private void ScanOnly(string part, ZipArchiveEntry entry)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        using var stream = Open(part, entry);
        try
        {
            if (IsXmlPart(part))
            {
                using var xml = XmlReader.Create(stream, Settings);
                while (xml.Read())
                {
                    CheckDepth(xml, part);
                }
            }
            else
            {
                stream.CopyTo(Stream.Null);
            }
        }
        catch (LimitException)
        {
            throw Refuse(ExpansionIssue(part, entry, stream));
        }
        catch (DepthException)
        {
            throw Refuse(DepthIssue(part));
        }
        catch (XmlException)
        {
            // A part the product does not read may be in a dialect of its own; only its size and depth matter here.
        }
        finally
        {
            _expandedLeft -= stream.Count;
        }
    }

    private CountingStream Open(string part, ZipArchiveEntry entry)
    {
        var ratioCap = Math.Max(_limits.RatioFloorBytes, entry.CompressedLength * (long)_limits.MaxCompressionRatio);
        return new CountingStream(entry.Open(), Math.Min(ratioCap, _expandedLeft), ratioCap < _expandedLeft);
    }

    private void CheckDepth(XmlReader xml, string? part)
    {
        if (xml.Depth > _limits.MaxXmlDepth)
        {
            throw part is null ? new DepthException() : Refuse(DepthIssue(part));
        }
    }

    private ValidationIssue ExpansionIssue(string part, ZipArchiveEntry entry, CountingStream stream) =>
        stream.LimitIsRatio
            ? Rules.ExpandsTooMuch.ForFile(_path,
                Inv($"部件{part}的压缩比超过{_limits.MaxCompressionRatio}:1（疑似压缩炸弹）。"),
                Inv($"The part {part} expands more than {_limits.MaxCompressionRatio}:1 (a zip bomb?)."),
                found: Inv($"{entry.CompressedLength} bytes compressed, over {stream.Count} expanded"),
                expected: Inv($"at most {_limits.MaxCompressionRatio}:1"))
            : Rules.ExpandsTooMuch.ForFile(_path,
                Inv($"工作簿解压后超过{_limits.MaxExpandedBytes:N0}字节。"),
                Inv($"The workbook expands to more than {_limits.MaxExpandedBytes:N0} bytes."),
                found: Inv($"over {_limits.MaxExpandedBytes} bytes expanded"), expected: Inv($"at most {_limits.MaxExpandedBytes} bytes"));

    private ValidationIssue DepthIssue(string part) =>
        Rules.NestedTooDeeply.ForFile(_path,
            Inv($"部件{part}的XML嵌套超过{_limits.MaxXmlDepth}层，工作簿不是Excel或WPS正常保存的文件；请用Excel或WPS另存后重新上报。"),
            Inv($"The part {part} nests XML more than {_limits.MaxXmlDepth} levels deep, which Excel and WPS never write; save the workbook again in Excel or WPS and send it again."),
            found: Inv($"more than {_limits.MaxXmlDepth} levels"), expected: Inv($"at most {_limits.MaxXmlDepth} levels"));

    private RefusedException SheetTooBig(string part, string found, string expected, string zh, string en) =>
        Refuse(Rules.SheetTooBig.ForFile(_path, $"工作表（{part}）{zh}；报表只需“指标”表，请删除多余内容后重新上报。",
            $"The worksheet ({part}) {en}; a return needs only its indicator sheet, so remove the rest and send it again.",
            found: found, expected: expected));

    private static RefusedException Refuse(ValidationIssue issue) => new(issue);

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false,
    };

    private static string? RelationshipIdAttribute(XmlReader xml)
    {
        // r:id, whatever prefix the writer bound the relationships namespace to.
        if (xml.MoveToFirstAttribute())
        {
            do
            {
                if (xml.LocalName == "id" && xml.NamespaceURI.EndsWith("/relationships", StringComparison.Ordinal))
                {
                    var value = xml.Value;
                    xml.MoveToElement();
                    return value;
                }
            }
            while (xml.MoveToNextAttribute());
            xml.MoveToElement();
        }

        return null;
    }

    private static bool IsReturnLabel(string? text) =>
        SubmissionFormat.Matches(text, SubmissionFormat.RegionCodeLabels) || SubmissionFormat.Matches(text, SubmissionFormat.CodeHeaders);

    private static bool IsTrue(string? value) => value is "1" or "true" or "on";

    private static bool IsXmlPart(string part) =>
        part.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || part.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)
        || part.EndsWith(".vml", StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string name) => name.Replace('\\', '/').TrimStart('/');

    private static string FolderOf(string part) => part.Contains('/', StringComparison.Ordinal) ? part[..(part.LastIndexOf('/') + 1)] : string.Empty;

    private static string RelsOf(string part) => FolderOf(part) + "_rels/" + part[(part.LastIndexOf('/') + 1)..] + ".rels";

    /// <summary>A relationship target resolved against the folder of its source part.</summary>
    private static string Resolve(string sourceFolder, string target)
    {
        var t = Uri.UnescapeDataString(target.Replace('\\', '/'));
        var combined = t.StartsWith('/') ? t[1..] : sourceFolder + t;
        var segments = new List<string>();
        foreach (var segment in combined.Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment is not ("." or ""))
            {
                segments.Add(segment);
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>Decodes OOXML's <c>_xHHHH_</c> escapes (<c>_x000D_</c> is a carriage return, <c>_x005F_</c> an underscore).</summary>
    internal static string DecodeEscapes(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_' && i + 6 < text.Length && text[i + 1] == 'x' && text[i + 6] == '_'
                && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                sb.Append((char)code);
                i += 6;
            }
            else
            {
                sb.Append(text[i]);
            }
        }

        return sb.ToString();
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.Length > 160 ? line[..160] + "…" : line;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private sealed class RefusedException(ValidationIssue issue) : Exception(issue.MessageEn)
    {
        public ValidationIssue Issue { get; } = issue;
    }

    private sealed class LimitException : Exception;

    private sealed class DepthException : Exception;

    /// <summary>Counts what is read and stops at a limit, whatever the zip header declared.</summary>
    private sealed class CountingStream(Stream inner, long limit, bool limitIsRatio) : Stream
    {
        public long Count { get; private set; }

        public bool LimitIsRatio { get; } = limitIsRatio;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Counted(int n)
        {
            Count += n;
            if (Count > limit)
            {
                throw new LimitException();
            }

            return n;
        }
    }
}
