using System.CommandLine;
using Prosperity.Etl.Host.Input;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Bulletins;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Host.Cli;

/// <summary>
/// <c>prosperity import-history FILE.csv</c>: a long-format CSV of earlier figures (region, period,
/// indicator, value, source) loaded as bulletin figures, so that growth, the consistency rules and
/// the rank history have the years before the product. Checked row by row first; a file with any
/// error is recorded as rejected and nothing of it is stored; a good one is stored in one
/// transaction, then the rankings of its periods (and those that compare with them) are refreshed.
/// </summary>
internal static class ImportHistoryVerb
{
    private const int MaxIssueLines = 50;

    public static Command Create(ProsperityCli cli)
    {
        var file = new Argument<string>("file") { Description = "The CSV file: header region,period,indicator,value,source; one figure per row" };
        var command = new Command("import-history", "Load earlier figures from a long-format CSV (region, period, indicator, value, source) as bulletin figures, in one transaction") { file };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            var path = Path.GetFullPath(parse.GetValue(file)!);
            if (!File.Exists(path))
            {
                throw new UsageException($"{path} does not exist or is not a file.");
            }

            await ctx.Services.EnsureWarehouseAsync(token);
            var warehouse = ctx.Get<IWarehouse>();
            var info = new FileInfo(path);
            var source = new SourceFile(path, info.Name, await FileHash.Sha256Async(path, token), info.Length, ctx.Get<TimeProvider>().GetUtcNow());
            if (await warehouse.FindLoadedAsync(source.Sha256, token) is { } loaded)
            {
                await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal($"{info.Name}: already loaded as submission #{loaded.SubmissionId}; skipped"));
                return ExitCodes.Success;
            }

            IReadOnlyList<BulletinTable> tables;
            IReadOnlyList<ValidationIssue> issues;
            try
            {
                (tables, issues) = HistoryCsvReader.Read(path, ctx.Get<Reference.ReferenceCatalog>());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidDataException)
            {
                throw new UsageException($"Cannot read {path}: {ex.Message}", ex);
            }

            var errors = issues.Count(i => i.Severity == Severity.Error);
            if (errors > 0)
            {
                var id = await warehouse.RecordRejectedAsync(source, null, issues, token);
                await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal($"{info.Name}: rejected as submission #{id}: {errors} error(s); nothing of it was stored."));
                foreach (var issue in issues.Take(MaxIssueLines))
                {
                    await ctx.Output.WriteLineAsync($"  {(issue.Severity == Severity.Error ? "error  " : "warning")} {issue.ToLine()}");
                }

                if (issues.Count > MaxIssueLines)
                {
                    await ctx.Output.WriteLineAsync($"  ... and {issues.Count - MaxIssueLines} more ('prosperity issues' lists them all).");
                }

                return ExitCodes.Rejected;
            }

            var result = await ctx.Get<IBulletinStore>().LoadAllAsync(source, tables, token);
            var periods = tables.Select(t => t.Period).ToList();
            await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal(
                $"{info.Name}: loaded {result.FactCount} figure(s) of {tables.SelectMany(t => t.Regions).Select(r => r.Code).Distinct(StringComparer.Ordinal).Count()} region(s) "
                + $"in {periods.Count} period(s) ({periods[0].Code} .. {periods[^1].Code}) as bulletin figures, {result.Submissions} submission(s) from #{result.FirstSubmissionId}"
                + (result.Superseded > 0 ? $", {result.Superseded} earlier bulletin figure set(s) revised" : string.Empty) + "; one transaction."));
            var refreshed = await ctx.Get<ImportAndRefresh>().RefreshTouchedAsync(periods.Select(p => p.Code), token);
            if (refreshed.Periods.Count > 0)
            {
                await ctx.Output.WriteLineAsync($"Rankings refreshed for {refreshed.Periods.Count} period(s) ({refreshed.Rows} ranking facts).");
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
