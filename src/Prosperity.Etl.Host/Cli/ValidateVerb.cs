using System.CommandLine;
using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Import;
using Prosperity.Etl.Reference;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Host.Cli;

/// <summary>
/// <c>prosperity validate FILE... [--annotate OUTDIR] [--format text|json]</c>: the verdict import
/// would give, without writing to the warehouse. The history rules read the warehouse when it
/// exists. Exit 0 when no file has errors, 1 when one has, 2 for usage.
/// </summary>
internal static class ValidateVerb
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static Command Create(ProsperityCli cli)
    {
        var paths = new Argument<string[]>("files") { Description = "Workbook files (or folders of them)", Arity = ArgumentArity.OneOrMore };
        var annotate = new Option<string?>("--annotate") { Description = "Folder to write an annotated copy of each file to (NAME.feedback.xlsx)" };
        var format = new Option<string>("--format") { Description = "text or json (one JSON object per file and line)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("validate", "Check district workbooks as import would, writing nothing to the warehouse") { paths, annotate, format };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            var files = Expand(parse.GetValue(paths)!);
            var json = parse.GetValue(format) == "json";
            var checker = new SubmissionChecker(
                new SubmissionWorkbookReader(AppServices.ReadReaderLimits(ctx.Configuration)),
                new SubmissionValidator(AppServices.ReadCatalog(ctx.Configuration), TimeProvider.System),
                AppServices.ReadValidationOptions(ctx.Configuration),
                await HistoryAsync(ctx, parse, json, token),
                ImportOptionsOf(ctx).MaxFileBytes,
                TimeSpan.FromSeconds(ImportOptionsOf(ctx).MaxReadSeconds));
            var outDir = parse.GetValue(annotate);
            var writer = new FeedbackWorkbookWriter();
            var anyErrors = false;
            foreach (var file in files)
            {
                var result = await checker.CheckAsync(file, token);
                anyErrors |= !result.Accepted;
                string? annotated = null;
                if (outDir is not null && InputFile.Refusal(file) is null)
                {
                    annotated = Path.Combine(outDir, IFeedbackWriter.FeedbackFileName(file));
                    writer.Write(file, result.Issues, annotated);
                }

                if (json)
                {
                    await ctx.Output.WriteLineAsync(JsonSerializer.Serialize(ToJson(result), JsonOptions));
                }
                else
                {
                    await WriteTextAsync(ctx.Output, result, annotated);
                }
            }

            return anyErrors ? ExitCodes.Rejected : ExitCodes.Success;
        }, ct));
        return command;
    }

    private static ImportOptions ImportOptionsOf(VerbContext ctx) =>
        Microsoft.Extensions.Configuration.ConfigurationBinder.Get<ImportOptions>(ctx.Configuration.GetSection(ImportOptions.SectionName)) ?? new ImportOptions();

    private static List<string> Expand(string[] paths)
    {
        var files = new List<string>();
        var patterns = new ImportOptions().FilePatterns;
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(patterns.SelectMany(p => Directory.EnumerateFiles(path, p, SearchOption.AllDirectories))
                    .Where(f => !Path.GetFileName(f).StartsWith("~$", StringComparison.Ordinal) &&
                                !IFeedbackWriter.IsFeedbackBesideSource(f))
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                throw new UsageException($"No such file or folder: {path}");
            }
        }

        return files.Count > 0 ? files : throw new UsageException("No workbook files found in the given folders.");
    }

    /// <summary>The warehouse for the history rules, read only, when one exists; a dry run never creates or migrates it.</summary>
    private static async Task<IWarehouse?> HistoryAsync(VerbContext ctx, ParseResult parse, bool json, CancellationToken token)
    {
        var db = parse.GetValue(ProsperityCli.DbOption);
        var target = db is not null
            ? WarehouseTarget.Parse(db)
            : WarehouseTarget.Create(ctx.Configuration["Warehouse:Provider"] ?? "sqlite", ctx.Configuration["ConnectionStrings:Warehouse"] ?? "data/warehouse.db");
        ctx.ReadOnly = true;
        if (target.Provider == "sqlite" && Directory.Exists(SqlitePath(target.Connection)))
        {
            throw new UsageException($"The warehouse {Path.GetFullPath(SqlitePath(target.Connection))} is a directory, not a SQLite file; give --db the path of a file.");
        }

        if (target.Provider == "sqlite" && !File.Exists(SqlitePath(target.Connection)))
        {
            await Note(ctx, json, $"No warehouse at {target.Connection}: the history rules (CON003, OUT001-OUT003) were not run.");
            return null;
        }

        // A warehouse that is there but cannot be read (damaged, locked, unreachable) stops the dry run
        // with one line (exit 2): its verdict would not be the one import gives.
        var warehouse = ctx.Services.Warehouse;
        var probe = new Period(2000, 1);
        await warehouse.GetRegionHistoryAsync("000000", probe, probe, token);
        return warehouse;
    }

    private static Task Note(VerbContext ctx, bool json, string text) =>
        json ? Task.CompletedTask : ctx.Error.WriteLineAsync("prosperity: " + text);

    private static string SqlitePath(string connection)
    {
        const string key = "Data Source=";
        var c = connection.Trim();
        return c.StartsWith(key, StringComparison.OrdinalIgnoreCase) ? c[key.Length..].TrimEnd(';').Trim() : c;
    }

    private static async Task WriteTextAsync(TextWriter output, CheckResult result, string? annotated)
    {
        var name = Path.GetFileName(result.Path);
        var errors = result.Issues.Count(i => i.Severity == Severity.Error);
        var warnings = result.Issues.Count - errors;
        var verdict = result.Accepted ? "would be accepted" : "would be rejected";
        await output.WriteLineAsync(Display.SafeText.ForTerminal($"{name}: {verdict} ({errors} error(s), {warnings} warning(s))" + (annotated is null ? string.Empty : $"; annotated copy {annotated}")));
        foreach (var issue in result.Issues.OrderBy(i => i.Severity == Severity.Error ? 0 : 1))
        {
            var severity = issue.Severity == Severity.Error ? "error  " : "warning";
            var explained = issue.Severity == Severity.Warning && WarningPolicy.IsExplained(issue, result.Validated) ? " [explained / 已说明]" : string.Empty;
            await output.WriteLineAsync($"  {severity} {issue.ToLine()}{explained}");
        }
    }

    private static FileJson ToJson(CheckResult result) => new(
        result.Path,
        result.Accepted,
        result.Issues.Select(i => new IssueJson(i.Code, i.Severity == Severity.Error ? "error" : "warning", i.Sheet, i.Cell, i.Found, i.Expected, i.MessageZh, i.MessageEn)).ToList());

    private sealed record FileJson(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("accepted")] bool Accepted,
        [property: JsonPropertyName("issues")] IReadOnlyList<IssueJson> Issues);

    private sealed record IssueJson(
        [property: JsonPropertyName("code")] string Code,
        [property: JsonPropertyName("severity")] string Severity,
        [property: JsonPropertyName("sheet")] string? Sheet,
        [property: JsonPropertyName("cell")] string? Cell,
        [property: JsonPropertyName("found")] string? Found,
        [property: JsonPropertyName("expected")] string? Expected,
        [property: JsonPropertyName("message_zh")] string MessageZh,
        [property: JsonPropertyName("message_en")] string MessageEn);
}
