using System.CommandLine;
using System.Globalization;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Import;

namespace Prosperity.Etl.Host.Cli;

/// <summary>
/// <c>prosperity issues --region CODE [--period 2025Q2]</c>: what went wrong for a region across
/// its attempts, oldest first, from <c>etl_submission</c> and <c>etl_validation_issue</c>.
/// </summary>
internal static class IssuesVerb
{
    public static Command Create(ProsperityCli cli)
    {
        var region = new Option<string>("--region") { Description = "Region code as written on the cover, e.g. 330624", Required = true };
        var period = new Option<string?>("--period") { Description = "One period, e.g. 2025Q2 (default: all)" };
        var command = new Command("issues", "Show every attempt of a region (and period) with the issues found") { region, period };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            Period? p = null;
            if (parse.GetValue(period) is { } text)
            {
                p = Verbs.ParsePeriod(text);
            }

            var code = parse.GetValue(region)!.Trim();
            ctx.ReadOnly = true;
            await ctx.Services.EnsureWarehouseAsync(token);
            var rows = await ctx.Get<IWarehouse>().GetIssueHistoryAsync(code, p, token);
            if (rows.Count == 0)
            {
                await ctx.Output.WriteLineAsync($"No attempts for region {code}{(p is { } q ? " in " + q.Code : string.Empty)}.");
                return ExitCodes.Success;
            }

            foreach (var attempt in rows.GroupBy(r => r.SubmissionId))
            {
                var a = attempt.First();
                var issues = attempt.Where(r => r.Issue is not null).Select(r => r.Issue!).ToList();
                await ctx.Output.WriteLineAsync(Display.SafeText.ForTerminal(string.Create(CultureInfo.InvariantCulture,
                    $"#{a.SubmissionId} {a.ReceivedAt:yyyy-MM-dd HH:mm} {a.FileName} {a.RegionCode} {a.PeriodCode}: {a.Status}, {issues.Count} issue(s)")));
                foreach (var issue in issues)
                {
                    await ctx.Output.WriteLineAsync($"    {issue.ToLine()}");
                }
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
