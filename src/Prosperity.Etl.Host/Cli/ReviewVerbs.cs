using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Review;

namespace Prosperity.Etl.Host.Cli;

/// <summary>
/// Review, publication and revision on the command line: <c>review</c> (what waits), <c>approve</c>,
/// <c>return</c>, <c>restore</c>, <c>publish</c> and <c>releases</c>. Each action is recorded with
/// the user who ran it; repeating one changes nothing and says so.
/// </summary>
internal static class ReviewVerbs
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEnumerable<Command> Create(ProsperityCli cli) => [Review(cli), Approve(cli), Return(cli), Restore(cli), Publish(cli), Releases(cli)];

    /// <summary>Who the CLI records as the actor: the operating-system user.</summary>
    internal static string Actor => $"{Environment.UserName} (cli)";

    private static Command Review(ProsperityCli cli)
    {
        var period = new Option<string?>("--period") { Description = "One period, e.g. 2025Q3 (default: every period)" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("review", "List the returns waiting for review (审核), with their warnings and explanations") { period, format };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            Period? p = parse.GetValue(period) is { } text ? Verbs.ParsePeriod(text) : null;
            ctx.ReadOnly = true;
            await ctx.Services.EnsureWarehouseAsync(token);
            var pending = await ctx.Get<IReviewStore>().GetPendingAsync(p, token);
            if (parse.GetValue(format) == "json")
            {
                await ctx.Output.WriteLineAsync(JsonSerializer.Serialize(pending.Select(r => new
                {
                    submission_id = r.SubmissionId, region_code = r.RegionCode, region_name_zh = r.RegionNameZh, period = r.PeriodCode,
                    file = r.FileName, received_at = r.ReceivedAt.ToOffset(Period.ChinaOffset).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                    days_late = r.DaysLate, values = r.ValueCount, is_revision = r.IsRevision, replaces = r.Replaces, restored_from = r.RestoredFrom,
                    warnings = r.Warnings.Select(IssueJson.From),
                    explanations = r.Explanations.Select(e => new { indicator = e.IndicatorCode, explanation = e.Explanation }),
                }), JsonOptions));
                return ExitCodes.Success;
            }

            if (pending.Count == 0)
            {
                await ctx.Output.WriteLineAsync($"Nothing waits for review{(p is { } q ? " in " + q.Code : string.Empty)}.");
                return ExitCodes.Success;
            }

            foreach (var r in pending)
            {
                await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal(string.Create(CultureInfo.InvariantCulture,
                    $"#{r.SubmissionId} {r.RegionCode} {r.RegionNameZh} {r.PeriodCode} {r.FileName}: {r.ValueCount} values, {r.WarningCount} warning(s), received {r.ReceivedAt.ToOffset(Period.ChinaOffset):yyyy-MM-dd HH:mm}")
                    + (r.DaysLate is > 0 ? $", {r.DaysLate} day(s) late" : string.Empty)
                    + (r.IsRevision ? ", REVISION of a published period (approve with --note)" : string.Empty)
                    + (r.RestoredFrom is { } from ? $", restores #{from}" : string.Empty)
                    + (r.Replaces is { } old ? $", would replace #{old}" : ", first return")));
                foreach (var w in r.Warnings)
                {
                    await ctx.Output.WriteLineAsync($"    {w.ToLine()}");
                }

                foreach (var (code, explanation) in r.Explanations)
                {
                    await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal($"    说明 {code}: {explanation}"));
                }
            }

            await ctx.Output.WriteLineAsync($"{pending.Count} return(s) wait: prosperity approve --submission N [--note TEXT] | prosperity return --submission N --reason TEXT");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Approve(ProsperityCli cli)
    {
        var submission = new Option<long[]>("--submission")
        {
            Description = "Submission number(s), as import and review print them (#N); several may follow one --submission",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var note = new Option<string?>("--note") { Description = "Approval note; for a revision of a published period, the revision note (修订说明), required" };
        var command = new Command("approve", "Approve a return waiting for review (审核通过): it becomes the official figures") { submission, note };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            await ctx.Services.EnsureWarehouseAsync(token);
            foreach (var outcome in await ctx.Get<ReviewService>().ApproveAsync(parse.GetValue(submission)!, Actor, parse.GetValue(note), token))
            {
                await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal(outcome.Message));
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Return(ProsperityCli cli)
    {
        var submission = SubmissionOption();
        var reason = new Option<string>("--reason") { Description = "Why it is returned; the district receives it in its feedback workbook", Required = true };
        var command = new Command("return", "Return a return waiting for review to the district (退回), with the reason") { submission, reason };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            await ctx.Services.EnsureWarehouseAsync(token);
            var outcome = await ctx.Get<ReviewService>().ReturnAsync(parse.GetValue(submission), Actor, parse.GetValue(reason)!, token);
            await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal(outcome.Message));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Restore(ProsperityCli cli)
    {
        var submission = SubmissionOption();
        var reason = new Option<string>("--reason") { Description = "Why the earlier version is made current again (recorded)", Required = true };
        var command = new Command("restore", "Make an earlier version of a region's return current again, through review like a revision") { submission, reason };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            await ctx.Services.EnsureWarehouseAsync(token);
            var outcome = await ctx.Get<ReviewService>().RestoreAsync(parse.GetValue(submission), Actor, parse.GetValue(reason)!, token);
            await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal(outcome.Message));
            if (outcome.Done)
            {
                await ctx.Output.WriteLineAsync($"Approve it to make it current: prosperity approve --submission {outcome.SubmissionId} --note TEXT");
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Publish(ProsperityCli cli)
    {
        var period = new Option<string>("--period") { Description = "Period, e.g. 2025Q3", Required = true };
        var note = new Option<string?>("--note") { Description = "A note recorded with the release" };
        var command = new Command("publish", "Publish a period (发布): a numbered release of its approved returns; later returns become revisions") { period, note };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            var p = Verbs.ParsePeriod(parse.GetValue(period)!);
            await ctx.Services.EnsureWarehouseAsync(token);
            var outcome = await ctx.Get<ReviewService>().PublishAsync(p, Actor, parse.GetValue(note), token);
            await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal(outcome.Message));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Command Releases(ProsperityCli cli)
    {
        var period = new Option<string>("--period") { Description = "Period, e.g. 2025Q3", Required = true };
        var command = new Command("releases", "List the releases of a period (publication and revisions) and what waits for review") { period };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            var p = Verbs.ParsePeriod(parse.GetValue(period)!);
            ctx.ReadOnly = true;
            await ctx.Services.EnsureWarehouseAsync(token);
            var store = ctx.Get<IReviewStore>();
            foreach (var r in await store.GetReleasesAsync(p, token))
            {
                await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal(string.Create(CultureInfo.InvariantCulture,
                    $"release {r.ReleaseNo} ({r.Kind}) {r.PublishedAt.ToOffset(Period.ChinaOffset):yyyy-MM-dd HH:mm} by {r.PublishedBy}: {r.Submissions} return(s)")
                    + (r.Note is { } n ? $"; {n}" : string.Empty)));
            }

            await ctx.Output.WriteLineAsync((await store.GetPublicationAsync(p, token)).Describe(Period.ChinaOffset));
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static Option<long> SubmissionOption() => new("--submission") { Description = "Submission number, as import and review print it (#N)", Required = true };
}
