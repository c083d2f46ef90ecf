using System.CommandLine;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Host.Output;
using Prosperity.Etl.Ranking;

namespace Prosperity.Etl.Host.Cli;

/// <summary>The <c>report</c> verb: the rankings workbook and the static rankings page of a period.</summary>
internal static class ReportVerb
{
    /// <summary>Quarters of history the page's rank-over-time chart covers.</summary>
    public const int HistoryQuarters = 8;

    public static Command Create(ProsperityCli cli)
    {
        var period = new Option<string>("--period") { Description = "Period, e.g. 2025Q3", Required = true };
        var output = new Option<string?>("--out") { Description = "Rankings workbook to write (.xlsx)" };
        var html = new Option<string?>("--html") { Description = "Static rankings page to write (.html)" };
        var bulletin = new Option<bool>("--bulletin") { Description = "Write the official comparison table in bulletin layout to --out (one sheet per topic) instead of the rankings workbook" };
        var command = new Command("report", "Write the rankings workbook (--out FILE.xlsx), the official comparison table (--bulletin --out FILE.xlsx) and/or the rankings page (--html FILE.html) of a period") { period, output, html, bulletin };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            var p = Verbs.ParsePeriod(parse.GetValue(period)!);

            var xlsx = parse.GetValue(output);
            var page = parse.GetValue(html);
            if (xlsx is null && page is null)
            {
                throw new UsageException("Give --out FILE.xlsx, --html FILE.html or both.");
            }

            if (parse.GetValue(bulletin) && xlsx is null)
            {
                throw new UsageException("--bulletin writes the official table to --out FILE.xlsx; give --out.");
            }

            ctx.ReadOnly = true;
            await ctx.Services.EnsureWarehouseAsync(token);
            var service = Verbs.CreateRankingServiceChecked(ctx);
            if (parse.GetValue(bulletin))
            {
                var sheets = await OfficialTableBuilder.BuildAsync(p, service, ctx.Get<Publishing.IOfficialValues>(), ctx.Get<Reference.ReferenceCatalog>(),
                    ctx.Get<OfficeTime>(), ctx.Get<TimeProvider>().GetUtcNow(), token);
                if (sheets.Count == 0)
                {
                    await ctx.Error.WriteLineAsync($"prosperity: no city values in the warehouse for {p.Code}; the table is empty.");
                }

                OfficialTableWriter.Write(sheets, xlsx!);
                await ctx.Output.WriteLineAsync($"Wrote {xlsx}: the official table for {p.LabelZh} ({p.Code}), {sheets.Count} sheet(s): {string.Join(", ", sheets.Select(s => s.SheetName))}.");
                xlsx = null;
            }

            var tables = await service.RankAllLevelsAsync(p, token);
            if (tables.Count == 0)
            {
                await ctx.Error.WriteLineAsync($"prosperity: no values in the warehouse for {p.Code}; the report is empty.");
            }

            if (xlsx is not null)
            {
                var mark = PublicationMarks.Mark(await ctx.Get<Review.IReviewStore>().GetPublicationAsync(p, token), ctx.Get<OfficeTime>());
                RankingReportWriter.Write(p, tables, [mark, .. RankingMethod.Notes], xlsx);
                await ctx.Output.WriteLineAsync($"Wrote {xlsx}: {tables.Select(t => t.GroupNameZh).Distinct().Count()} peer group sheet(s), {tables.Count} ranking table(s), {p.Code}.");
            }

            if (page is not null)
            {
                var history = new List<RankingTable>(tables);
                var q = p;
                for (var n = 1; n < HistoryQuarters; n++)
                {
                    q = q.Previous;
                    history.AddRange(await service.RankAllLevelsAsync(q, token));
                }

                var marks = await PublicationMarks.LoadAsync(ctx.Get<Review.IReviewStore>(), history.Select(t => t.Period).Append(p), ctx.Get<OfficeTime>(), token);
                RankingPageWriter.Write(p, history, RankingMethod.Notes, page, marks);
                await ctx.Output.WriteLineAsync($"Wrote {page}: rankings page for {p.Code} with {HistoryQuarters} quarters of rank history.");
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
