using System.CommandLine;
using System.Data.Common;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Host.Output;
using Prosperity.Etl.Import;
using Prosperity.Etl.Import.Completeness;

namespace Prosperity.Etl.Host.Cli;

/// <summary>
/// <c>prosperity status [--period 2025Q3] [--quarters 4] [--format table|csv|json]</c>: who has
/// reported, region by quarter, from the warehouse's submission history. Reads only: a warehouse
/// that does not exist is reported (exit 2), never created.
/// </summary>
internal static class StatusVerb
{
    private const int MaxQuarters = 40;

    public static Command Create(ProsperityCli cli)
    {
        var period = new Option<string?>("--period") { Description = "The last quarter shown, e.g. 2025Q3 (default: the latest quarter with accepted data; the latest ended quarter, China time, when there is none)" };
        var quarters = new Option<int>("--quarters") { Description = "How many quarters, ending with --period", DefaultValueFactory = _ => 4 };
        var format = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("status", "Show which regions have reported, region by quarter: accepted, with warnings, rejected or missing")
        {
            period, quarters, format,
        };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            Period? asked = parse.GetValue(period) is { } text ? Verbs.ParsePeriod(text) : null;
            var count = parse.GetValue(quarters);
            if (count is < 1 or > MaxQuarters)
            {
                throw new UsageException($"--quarters {count} is out of range; give 1 to {MaxQuarters}.");
            }

            // Asked before anything opens the warehouse: opening a SQLite connection would create an empty file.
            ctx.ReadOnly = true;
            var found = await ctx.Get<IWarehouseProbe>().ProbeAsync(token);
            if (found.State == WarehouseState.Missing)
            {
                throw new UsageException($"The warehouse {found.Location} does not exist: nothing has been imported yet ('prosperity import' or 'prosperity migrate' creates it).");
            }

            CompletenessMatrix matrix;
            try
            {
                // The matrix opens where the data are: the latest quarter with an accepted submission.
                var last = asked ?? await Web.RankingPages.DefaultPeriodAsync(ctx.Services, token);
                if (CompletenessMatrix.Quarters(last, count)[0].Year < Period.MinYear)
                {
                    throw new UsageException($"--quarters {count} before {last.Code} reaches back before {Period.MinYear}.");
                }

                matrix = await CompletenessMatrix.LoadAsync(ctx.Get<IWarehouse>(), ctx.Get<Reference.ReferenceCatalog>(), last, count,
                    Verbs.Jurisdiction(ctx), token);
            }
            catch (DbException ex)
            {
                // One line: PostgreSQL's messages carry detail lines (POSITION: ...).
                var reason = ex.Message.Split('\n', 2)[0].Trim();
                throw new UsageException($"The warehouse {ctx.Get<WarehouseTarget>()} cannot be read ({reason}); 'prosperity migrate' creates or upgrades it.", ex);
            }

            switch (parse.GetValue(format))
            {
                case "json":
                    await ctx.Output.WriteLineAsync(CompletenessWriter.ToJson(matrix, ctx.Get<OfficeTime>()));
                    break;
                case "csv":
                    CompletenessWriter.WriteCsv(ctx.Output, matrix, ctx.Get<OfficeTime>());
                    break;
                default:
                    if (ctx.IsInteractive)
                    {
                        CompletenessWriter.WriteTable(ctx.Console, matrix);
                    }
                    else
                    {
                        CompletenessWriter.WritePlain(ctx.Output, matrix);
                    }

                    break;
            }

            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
