using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Prosperity.Etl.Excel.Cells;
using Prosperity.Etl.Excel.Reading;
using Prosperity.Etl.Import;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Host.Cli;

/// <summary>
/// <c>prosperity inspect FILE [--cells] [--format text|json]</c>: what the reader sees in a file, for
/// the operator who asks why it was read as it was: the kind it decided and why, each sheet (name,
/// visible or hidden, used range), which sheet, column or cell was taken for what and the label that
/// decided it, the issues, and with <c>--cells</c> every non-empty cell as read. Writes nothing.
/// </summary>
internal static class InspectVerb
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static Command Create(ProsperityCli cli)
    {
        var file = new Argument<string>("file") { Description = "The workbook (.xlsx or .xls)" };
        var cells = new Option<bool>("--cells") { Description = "Also list every non-empty cell as read" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("inspect", "Show what the reader sees in a workbook: its kind, sheets, header mapping and (with --cells) every cell") { file, cells, format };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new UsageException($"{path}: no such file.");
            }

            var catalog = ctx.Get<Reference.ReferenceCatalog>();
            var reading = new WorkbookReader(ctx.Get<Excel.ReaderLimits>(), catalog).Inspect(path, token);
            var issues = reading.Result.Issues.ToList();
            if (reading.Result.Submission is { } submission)
            {
                issues.AddRange(ctx.Get<SubmissionValidator>().Validate(submission).Issues);
            }

            if (parse.GetValue(format) == "json")
            {
                await ctx.Output.WriteLineAsync(JsonSerializer.Serialize(ToJson(reading, issues, parse.GetValue(cells)), JsonOptions));
            }
            else
            {
                await WriteTextAsync(ctx.Output, reading, issues, parse.GetValue(cells));
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static string? FileOf(WorkbookReading reading) =>
        reading.Workbook?.Path ?? (reading.Result.Issues.Count > 0 ? reading.Result.Issues[0].File : null);

    private static string KindName(WorkbookKind kind) => kind switch
    {
        WorkbookKind.Return => "return",
        WorkbookKind.Bulletin => "bulletin",
        _ => "unknown",
    };

    private static string StateName(SheetVisibility visibility) => visibility switch
    {
        SheetVisibility.Hidden => "hidden",
        SheetVisibility.VeryHidden => "very hidden",
        _ => "visible",
    };

    private static async Task WriteTextAsync(TextWriter output, WorkbookReading reading, List<ValidationIssue> issues, bool withCells)
    {
        await output.WriteLineAsync($"{FileOf(reading)}: {KindName(reading.Kind)} ({reading.Reason})");
        if (reading.Workbook is { } workbook)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"format {workbook.Format.ToString().ToLowerInvariant()}, {(workbook.Date1904 ? "1904" : "1900")} date system, {workbook.Sheets.Count} sheet(s), {workbook.CellCount} cell(s)"));
            foreach (var sheet in workbook.Sheets)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"  sheet {Printable(sheet.Name)}: {StateName(sheet.Visibility)}, used range {sheet.UsedRange ?? "none"}, {sheet.Cells.Count} cell(s), {sheet.MergedRanges.Count} merged range(s)"));
            }
        }

        if (reading.Layout.Count > 0)
        {
            await output.WriteLineAsync("layout:");
            foreach (var entry in reading.Layout)
            {
                var place = entry.Cell is null ? Printable(entry.Sheet) : $"{Printable(entry.Sheet)}!{entry.Cell}";
                await output.WriteLineAsync($"  {entry.Role}: {place} (label '{Printable(entry.Label)}')");
            }
        }

        await output.WriteLineAsync(issues.Count == 0 ? "issues: none" : $"issues: {issues.Count}");
        foreach (var issue in issues)
        {
            await output.WriteLineAsync($"  {(issue.Severity == Severity.Error ? "error" : "warning")} {Printable(issue.ToLine())}");
        }

        if (withCells && reading.Workbook is { } cells)
        {
            await output.WriteLineAsync("cells:");
            foreach (var sheet in cells.Sheets)
            {
                foreach (var cell in sheet.Cells)
                {
                    var formula = cell.HasFormula ? (cell.HasCachedValue ? " (formula)" : " (formula without a saved result)") : string.Empty;
                    await output.WriteLineAsync($"  {Printable(sheet.Name)}!{cell.Address} {cell.TypeName}{formula}: {Printable(cell.DisplayText)}");
                }
            }
        }
    }

    /// <summary>Control characters (an ESC sequence typed into a cell) are shown escaped, never sent to the terminal.</summary>
    private static string Printable(string text)
    {
        if (!text.Any(c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'))
        {
            return text;
        }

        return string.Concat(text.Select(c => char.IsControl(c) || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069'
            ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}")
            : c.ToString()));
    }

    private static InspectJson ToJson(WorkbookReading reading, List<ValidationIssue> issues, bool withCells) => new(
        FileOf(reading),
        KindName(reading.Kind),
        reading.Reason,
        reading.Workbook?.Format.ToString().ToLowerInvariant(),
        reading.Workbook?.Sheets.Select(s => new SheetJson(
            s.Name,
            s.IsVisible,
            StateName(s.Visibility),
            s.UsedRange,
            s.MergedRanges.Select(m => m.ToString()).ToList(),
            withCells ? s.Cells.Select(CellJson.From).ToList() : null)).ToList() ?? [],
        reading.Layout.Select(l => new LayoutJson(l.Role, l.Sheet, l.Cell, l.Label)).ToList(),
        issues.Select(IssueJson.From).ToList());

    private sealed record InspectJson(
        [property: JsonPropertyName("file")] string? File,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("reason")] string Reason,
        [property: JsonPropertyName("format")] string? Format,
        [property: JsonPropertyName("sheets")] IReadOnlyList<SheetJson> Sheets,
        [property: JsonPropertyName("layout")] IReadOnlyList<LayoutJson> Layout,
        [property: JsonPropertyName("issues")] IReadOnlyList<IssueJson> Issues);

    private sealed record SheetJson(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("visible")] bool Visible,
        [property: JsonPropertyName("state")] string State,
        [property: JsonPropertyName("used_range")] string? UsedRange,
        [property: JsonPropertyName("merged")] IReadOnlyList<string> Merged,
        [property: JsonPropertyName("cells"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<CellJson>? Cells);

    private sealed record LayoutJson(
        [property: JsonPropertyName("role")] string Role,
        [property: JsonPropertyName("sheet")] string Sheet,
        [property: JsonPropertyName("cell")] string? Cell,
        [property: JsonPropertyName("label")] string Label);

    private sealed record CellJson(
        [property: JsonPropertyName("address")] string Address,
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("formula")] bool Formula,
        [property: JsonPropertyName("cached")] bool Cached,
        [property: JsonPropertyName("value")] object? Value)
    {
        public static CellJson From(WorkbookCell c) => new(c.Address, c.TypeName, c.HasFormula, c.HasCachedValue, c.Kind switch
        {
            CellKind.Empty => null,
            CellKind.Number => c.Number,
            CellKind.Boolean => c.Number != 0,
            _ => c.Text,
        });
    }
}
