using System.CommandLine;
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
            // A dry run opens the warehouse read-only and never creates or migrates it.
            ctx.ReadOnly = true;
            var files = Expand(ctx, parse.GetValue(paths)!);
            var json = parse.GetValue(format) == "json";
            var import = ctx.Get<ImportOptions>();
            var checker = new SubmissionChecker(
                ctx.Get<ISubmissionReader>(),
                ctx.Get<SubmissionValidator>(),
                ctx.Get<ValidationOptions>(),
                await HistoryAsync(ctx, json, token),
                import.MaxFileBytes,
                TimeSpan.FromSeconds(import.MaxReadSeconds));
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
                    var written = Path.Combine(outDir, IFeedbackWriter.FeedbackFileName(file));
                    annotated = IFeedbackWriter.Describe(writer.Write(file, result.Issues, written)) + " " + written;
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

    // Folders give the workbooks import would take from them; a file given by name is checked as it is.
    private static IReadOnlyList<string> Expand(VerbContext ctx, string[] paths)
    {
        if (paths.FirstOrDefault(p => !Directory.Exists(p) && !File.Exists(p)) is { } missing)
        {
            throw new UsageException($"No such file or folder: {missing}");
        }

        var files = ctx.Get<IntakePolicy>().Expand(paths);
        return files.Count > 0 ? files : throw new UsageException("No workbook files found in the given folders.");
    }

    /// <summary>The warehouse for the history rules, read only, when one exists; a dry run never creates or migrates it.</summary>
    private static async Task<IWarehouse?> HistoryAsync(VerbContext ctx, bool json, CancellationToken token)
    {
        var found = await ctx.Get<IWarehouseProbe>().ProbeAsync(token);
        switch (found.State)
        {
            case WarehouseState.Missing:
                await Note(ctx, json, $"No warehouse at {ctx.Target.Connection}: the history rules (CON003, OUT001-OUT003) were not run.");
                return null;
            case WarehouseState.Unreadable:
                // A warehouse that is there but cannot be read (damaged, locked, unreachable, a directory)
                // stops the dry run with one line (exit 2): its verdict would not be the one import gives.
                // The query the history rules make fails the same way, and the fault is described from it.
                await ctx.Get<IWarehouse>().FindLoadedAsync(string.Empty, token);
                throw new UsageException($"The warehouse {found.Location} cannot be read ({found.Reason}); repair or restore it, or give --db another warehouse, and validate again.");
            default:
                return ctx.Get<IWarehouse>();
        }
    }

    private static Task Note(VerbContext ctx, bool json, string text) =>
        json ? Task.CompletedTask : ctx.Error.WriteLineAsync("prosperity: " + text);

    private static async Task WriteTextAsync(TextWriter output, CheckResult result, string? annotated)
    {
        var name = Path.GetFileName(result.Path);
        var errors = result.Issues.Count(i => i.Severity == Severity.Error);
        var warnings = result.Issues.Count - errors;
        var verdict = result.Accepted ? "would be accepted" : "would be rejected";
        await output.WriteLineAsync(Display.SafeText.ForTerminal($"{name}: {verdict} ({errors} error(s), {warnings} warning(s))" + (annotated is null ? string.Empty : $"; {annotated}")));
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
        result.Issues.Select(IssueJson.From).ToList());

    private sealed record FileJson(
        [property: JsonPropertyName("file")] string File,
        [property: JsonPropertyName("accepted")] bool Accepted,
        [property: JsonPropertyName("issues")] IReadOnlyList<IssueJson> Issues);
}
