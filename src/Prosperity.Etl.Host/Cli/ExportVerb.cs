using System.CommandLine;
using System.Text;
using Prosperity.Etl.Host.Output;
using Prosperity.Etl.Publishing;
using Prosperity.Etl.Review;

namespace Prosperity.Etl.Host.Cli;

/// <summary>
/// <c>prosperity export --period P [--release N] [--format csv|sdmx-csv] --out FILE</c>: the period's current
/// official values (accepted submissions; a region's own return before a bulletin figure) with
/// region, period, indicator, unit, value, status and source. Reads only.
/// </summary>
internal static class ExportVerb
{
    public static Command Create(ProsperityCli cli)
    {
        var period = new Option<string>("--period") { Description = "Period, e.g. 2025Q3", Required = true };
        var format = new Option<string>("--format") { Description = "csv (one line per value, with its source) or sdmx-csv (SDMX-CSV of the dataflow in docs/exports.md)", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "sdmx-csv");
        var output = new Option<string>("--out") { Description = "File to write (.csv)", Required = true };
        var release = new Option<int?>("--release") { Description = "The district returns' values as release N of the period published them (1 = the publication, 2.. = revisions), instead of the current values" };
        var command = new Command("export", "Export the current values of a period (or those of one of its releases) as CSV or SDMX-CSV") { period, format, output, release };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            var p = Verbs.ParsePeriod(parse.GetValue(period)!);
            var path = parse.GetValue(output)!;
            ctx.ReadOnly = true;
            await ctx.Services.EnsureWarehouseAsync(token);
            var asOf = parse.GetValue(release);
            IReadOnlyList<OfficialValue> values;
            if (asOf is { } n)
            {
                var latest = (await ctx.Get<IReviewStore>().GetPublicationAsync(p, token)).LatestRelease?.ReleaseNo;
                if (n < 1 || latest is null || n > latest)
                {
                    throw new UsageException(latest is null
                        ? $"{p.Code} has not been published: there is no release {n} to export ('prosperity publish --period {p.Code}' makes release 1)."
                        : $"{p.Code} has no release {n}: its releases are 1 to {latest}.");
                }

                values = await ctx.Get<IOfficialValues>().GetValuesAsOfReleaseAsync(p, n, token);
            }
            else
            {
                values = await ctx.Get<IOfficialValues>().GetValuesAsync(p, token);
            }

            if (values.Count == 0)
            {
                await ctx.Error.WriteLineAsync($"prosperity: no values in the warehouse for {p.Code}; the export has its header only.");
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            try
            {
                await using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
                if (parse.GetValue(format) == "sdmx-csv")
                {
                    ValueExportWriter.WriteSdmxCsv(writer, values);
                }
                else
                {
                    ValueExportWriter.WriteCsv(writer, values, ctx.Get<OfficeTime>());
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UsageException($"Cannot write {path}: {ex.Message}", ex);
            }

            await ctx.Output.WriteLineAsync($"Wrote {path}: {values.Count} value(s) of {values.Select(v => v.RegionCode).Distinct(StringComparer.Ordinal).Count()} region(s) for {p.Code}{(asOf is { } r ? $" as release {r} published them" : string.Empty)} ({parse.GetValue(format)}).");
            return ExitCodes.Success;
        }, ct));
        return command;
    }
}
