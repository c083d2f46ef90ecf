using System.CommandLine;
using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Host.Output;
using Prosperity.Etl.Import;
using Prosperity.Etl.Ranking;
using Prosperity.Etl.Samples;
using Prosperity.Etl.Review;
using Spectre.Console;

namespace Prosperity.Etl.Host.Cli;

/// <summary>The verbs of the command line.</summary>
internal static class Verbs
{
    private static readonly string[] HeadlineIndicators = ["INC_URBAN_PC", "INC_RURAL_PC", "RATIO_URBAN_RURAL"];

    public static Command Template(ProsperityCli cli)
    {
        var region = new Option<string>("--region") { Description = "Region code, e.g. 330624" };
        var all = new Option<bool>("--all") { Description = "One template per reporting unit of the office's jurisdiction (Office:Region), written into the --out folder" };
        var period = new Option<string>("--period") { Description = "Period, e.g. 2025Q3", Required = true };
        var output = new Option<string>("--out") { Description = "Workbook to write (.xlsx); with --all, the folder", Required = true };
        var command = new Command("template", "Write the quarterly submission workbook for a region and period (with --all, for every unit of the jurisdiction)") { region, all, period, output };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, _) =>
        {
            var p = ParsePeriod(parse.GetValue(period)!);
            var catalog = ctx.Get<Reference.ReferenceCatalog>();
            var dueOn = ctx.Get<ReviewOptions>().DueOn(p);
            var path = parse.GetValue(output)!;
            if (parse.GetValue(all))
            {
                if (parse.GetValue(region) is not null)
                {
                    throw new UsageException("Give either --region or --all, not both.");
                }

                var jurisdiction = Jurisdiction(ctx);
                var units = jurisdiction.ReportingUnits(p);
                Directory.CreateDirectory(path);
                foreach (var unit in units)
                {
                    SubmissionTemplateWriter.Write(Request(catalog, unit, p, dueOn, ctx.Get<FormOptions>()), Path.Combine(path, SubmissionFormat.FileName(unit, p)));
                }

                await ctx.Output.WriteLineAsync($"Wrote {units.Count} templates for {p.LabelZh} ({p.Code}), due {dueOn:yyyy-MM-dd}, into {path}: {jurisdiction}.");
                return ExitCodes.Success;
            }

            var code = parse.GetValue(region)?.Trim() ?? throw new UsageException("Give --region CODE (or --all for every unit of the jurisdiction).");
            var r = catalog.FindRegion(code, p) ?? throw new UsageException(catalog.IsKnownRegionCode(code)
                ? $"Region {code} is not valid in {p}."
                : $"Unknown region code '{code}'.");
            SubmissionTemplateWriter.Write(Request(catalog, r, p, dueOn, ctx.Get<FormOptions>()), path);
            await ctx.Output.WriteLineAsync($"Wrote {path}: {r.Code} {r.NameZh} {r.NameEn}, {p.LabelZh} ({p.Code}), {catalog.Indicators.Count} indicators, due {dueOn:yyyy-MM-dd}.");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static TemplateRequest Request(Reference.ReferenceCatalog catalog, Domain.Region region, Period period, DateOnly dueOn, FormOptions form) =>
        new(region, period, catalog.Indicators)
        {
            RegionChoices = SubmissionTemplateWriter.RegionChoicesFor(region, period, catalog),
            DueOn = dueOn,
            Form = form,
        };

    public static Command Import(ProsperityCli cli)
    {
        var paths = new Argument<string[]>("paths") { Description = "Workbook files or folders", Arity = ArgumentArity.OneOrMore };
        var command = new Command("import", "Validate district workbooks and load the valid ones into the warehouse") { paths };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            var files = ctx.Get<IntakePolicy>().Expand(parse.GetValue(paths)!);
            if (files.Count == 0)
            {
                throw new UsageException("No workbook files found in the given folders.");
            }

            // The rankings are refreshed after the files: a bad Index section is found before any is imported.
            CheckIndexOptions(ctx);
            await ctx.Services.EnsureWarehouseAsync(token);
            var outcomes = await ImportAllAsync(ctx, files, token);
            return outcomes.Any(o => !o.IsSuccess) ? ExitCodes.Rejected : ExitCodes.Success;
        }, ct));
        return command;
    }

    public static Command Rank(ProsperityCli cli)
    {
        var period = new Option<string>("--period") { Description = "Period, e.g. 2025Q3", Required = true };
        var indicator = new Option<string?>("--indicator") { Description = "One indicator code, or SP_INDEX for the composite index (default: all and the index)" };
        var level = new Option<string>("--level") { Description = "Peers: city (cities of the province), county (county-level units of each city) or province-county (county-level units of the province)", DefaultValueFactory = _ => "county" };
        level.AcceptOnlyFromAmong("city", "county", "province-county");
        var format = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var refresh = new Option<bool>("--refresh") { Description = "Materialise the period's ranking facts (every level, every indicator and the index) in the warehouse and print one line per level; with --indicator or --format, print the tables too" };
        var command = new Command("rank", "Rank regions among their peers on each indicator") { period, indicator, level, format, refresh };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            var p = ParsePeriod(parse.GetValue(period)!);
            var code = parse.GetValue(indicator);
            if (code is not null && ctx.Get<Reference.ReferenceCatalog>().FindIndicator(code) is null && !string.Equals(code, CompositeIndex.Code, StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"Unknown indicator code '{code}'.");
            }

            if (code is not null && ctx.Get<Reference.ReferenceCatalog>().FindIndicator(code) is { IsPopulation: true } population)
            {
                throw new UsageException($"{population.Code} ({population.NameZh}) is the resident population: it is stored and shown, not ranked; the composite index puts counts and amounts per 10,000 of it.");
            }

            ctx.ReadOnly = !parse.GetValue(refresh);
            await ctx.Services.EnsureWarehouseAsync(token);
            var service = CreateRankingServiceChecked(ctx);
            if (parse.GetValue(refresh))
            {
                var (refreshed, rowCount) = await ctx.Get<RankingMaterialiser>().RefreshTablesAsync(p, token);
                await ctx.Error.WriteLineAsync($"Materialised {rowCount} ranking facts for {p.Code} ({refreshed.Count(t => t.Withheld is null)} peer-group tables).");
                // A refresh prints one line per level; the tables only when asked for (an indicator or a format given).
                if (code is null && parse.GetResult(format) is not { Implicit: false })
                {
                    RankingWriter.WriteRefreshSummary(ctx.Output, refreshed);
                    return ExitCodes.Success;
                }
            }

            var peerLevel = PeerGroup.ParseLevel(parse.GetValue(level)) ?? PeerLevel.County;
            var tables = await service.RankAsync(p, peerLevel, code, token);
            Write(ctx, tables, parse.GetValue(format)!, p, peerLevel);
            await WritePublicationAsync(ctx, p, machineReadable: parse.GetValue(format) != "table", token);
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    /// <summary>
    /// Whether the ranked figures are published and what waits for review (not counted): one line
    /// after the tables, or on standard error beside a CSV or JSON output so that it stays parseable.
    /// </summary>
    internal static async Task WritePublicationAsync(VerbContext ctx, Period period, bool machineReadable, CancellationToken token)
    {
        var publication = await ctx.Get<IReviewStore>().GetPublicationAsync(period, token);
        await (machineReadable ? ctx.Error : ctx.Output).WriteLineAsync("Approved figures only. " + publication.Describe(Period.ChinaOffset));
    }

    internal static RankingService CreateRankingServiceChecked(VerbContext ctx)
    {
        CheckIndexOptions(ctx);
        return ctx.Get<RankingService>();
    }

    /// <summary>The <c>Index</c> section's weights name indicators of the catalogue; a usage error otherwise.</summary>
    internal static void CheckIndexOptions(VerbContext ctx)
    {
        try
        {
            _ = CompositeIndex.Components(ctx.Get<Reference.ReferenceCatalog>().Indicators, ctx.Get<CompositeIndexOptions>());
        }
        catch (ArgumentException ex)
        {
            var message = ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            throw new UsageException($"Configuration section Index: {message}", ex);
        }
    }

    public static Command Demo(ProsperityCli cli)
    {
        var folder = new Option<string>("--samples") { Description = "Folder for the sample workbooks", DefaultValueFactory = _ => Path.Combine("data", "samples") };
        var command = new Command("demo", "Write sample returns for Shaoxing 2025 Q1-Q3 and the sample province bulletin table, import them, approve and publish the quarters, print the rankings, then import a correction that waits for review as a revision") { folder };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            var files = DemoSubmissions.WriteAll(ctx.Get<Reference.ReferenceCatalog>(), parse.GetValue(folder)!, overwrite: false).ToList();
            // The province's bulletin brings the other ten cities' figures, so the city comparison is whole.
            files.Add(DemoBulletin(parse.GetValue(folder)!));
            await ctx.Output.WriteLineAsync($"Warehouse: {ctx.Get<WarehouseTarget>()}");
            await ctx.Output.WriteLineAsync($"Sample workbooks: {files.Count - 1} returns and the province bulletin table in {Path.GetFullPath(parse.GetValue(folder)!)}");
            CheckIndexOptions(ctx);
            await ctx.Services.EnsureWarehouseAsync(token);
            var outcomes = await ImportAllAsync(ctx, files, token);
            await ReviewAndPublishDemoAsync(ctx, outcomes, token);

            var period = DemoSubmissions.Periods[^1];
            var ranking = ctx.Get<RankingService>();
            var tables = new List<RankingTable>();
            foreach (var code in HeadlineIndicators)
            {
                tables.AddRange(await ranking.RankAsync(period, PeerLevel.County, code, token));
            }

            tables.AddRange(await ranking.RankAsync(period, PeerLevel.City, HeadlineIndicators[0], token));

            await ctx.Output.WriteLineAsync();
            RankingWriter.WriteTables(ctx.Console, tables);
            await WritePublicationAsync(ctx, period, machineReadable: false, token);
            await ctx.Output.WriteLineAsync($"All indicators: prosperity rank --period {period.Code} --level county   (or --level city, --format csv|json)");
            await ctx.Output.WriteLineAsync("The rankings page: prosperity serve, then http://127.0.0.1:5080/rankings (it opens on the latest quarter with data).");
            var correction = await DemoCorrectionAsync(ctx, parse.GetValue(folder)!, token);
            return outcomes.Append(correction).Any(o => !o.IsSuccess) ? ExitCodes.Rejected : ExitCodes.Success;
        }, ct));
        return command;
    }

    private const string DemoReviewer = "demo reviewer";

    // The demo's quarter as a bureau runs it: the returns it imported are approved (审核通过) and each sample
    // quarter is published (发布) as release 1; run again, both are no-ops.
    private static async Task ReviewAndPublishDemoAsync(VerbContext ctx, IReadOnlyList<ImportOutcome> outcomes, CancellationToken token)
    {
        var review = ctx.Get<ReviewService>();
        var waiting = outcomes.Where(o => o.Status == ImportStatus.Pending && o.SubmissionId is not null).Select(o => o.SubmissionId!.Value).ToList();
        if (waiting.Count > 0)
        {
            await review.ApproveAsync(waiting, DemoReviewer, "示例数据审核通过 sample returns checked", token);
            await ctx.Output.WriteLineAsync($"Approved {waiting.Count} return(s) waiting for review (审核通过), as '{DemoReviewer}'.");
        }

        foreach (var period in DemoSubmissions.Periods)
        {
            var release = await review.PublishAsync(period, DemoReviewer, "示例季度发布 sample quarter", token);
            await ctx.Output.WriteLineAsync(release.Message);
        }
    }

    // After publication Xinchang sends a correction: it waits for review as a revision and changes nothing official.
    private static async Task<ImportOutcome> DemoCorrectionAsync(VerbContext ctx, string folder, CancellationToken token)
    {
        var file = DemoSubmissions.WriteCorrection(ctx.Get<Reference.ReferenceCatalog>(), folder);
        await ctx.Output.WriteLineAsync();
        await ctx.Output.WriteLineAsync("A correction arrives after publication:");
        var outcome = (await ctx.Get<ImportAndRefresh>().ImportAsync([file], (_, o) => ctx.Output.WriteLineAsync(o.Summary()), token)).Outcomes[0];
        var period = DemoSubmissions.Periods[^1];
        var pending = (await ctx.Get<ReviewService>().Store.GetPendingAsync(period, token)).Where(p => p.IsRevision).ToList();
        foreach (var p in pending)
        {
            await ctx.Output.WriteLineAsync($"#{p.SubmissionId} ({p.RegionCode} {p.PeriodCode}) is a revision waiting for review; the published figures and rankings stay as they are until it is approved:");
            await ctx.Output.WriteLineAsync($"  prosperity review   then   prosperity approve --submission {p.SubmissionId} --note \"修订说明\"   (or prosperity return --submission {p.SubmissionId} --reason ...)");
        }

        return outcome;
    }

    // The sample bulletin beside the demo's returns (written once, like them, so a second demo skips it as already loaded).
    private static string DemoBulletin(string folder)
    {
        var path = Path.Combine(folder, "bulletins", ProvinceBulletin.FileName);
        if (!File.Exists(path))
        {
            ProvinceBulletin.Write(path);
        }

        return path;
    }

    public static Command Migrate(ProsperityCli cli)
    {
        var command = new Command("migrate", "Create or upgrade the warehouse schema and seed the reference data");
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, token) =>
        {
            await ctx.Services.EnsureWarehouseAsync(token);
            await ctx.Output.WriteLineAsync($"Warehouse {ctx.Get<WarehouseTarget>()} is up to date.");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    public static Command Samples(ProsperityCli cli)
    {
        var output = new Option<string>("--out") { Description = "Folder to write the sample workbooks to", Required = true };
        var scale = new Option<string>("--scale")
        {
            Description = "demo (Shaoxing, 2025 Q1-Q3), province (every county-level unit and city of Zhejiang, one quarter, about 300 indicators) or national (2,850 county-level units under every province, synthetic outside Zhejiang, with their regions file)",
            DefaultValueFactory = _ => "demo",
        };
        scale.AcceptOnlyFromAmong("demo", "province", "national");
        var seed = new Option<int>("--seed") { Description = "Seed of the province-scale values (same seed, same workbooks)", DefaultValueFactory = _ => 1 };
        var quarter = new Option<string>("--period") { Description = "Quarter of the province-scale returns", DefaultValueFactory = _ => "2025Q3" };
        var command = new Command("samples", "Write the demo's sample returns (Shaoxing, 2025 Q1-Q3), or a whole province's quarter with --scale province") { output, scale, seed, quarter };
        command.SetAction((parse, ct) => cli.RunVerbAsync(parse, async (ctx, _) =>
        {
            if (parse.GetValue(scale) is "province" or "national")
            {
                return await ProvinceSamplesAsync(ctx, parse.GetValue(output)!, parse.GetValue(seed), ParsePeriod(parse.GetValue(quarter)!), parse.GetValue(scale) == "national");
            }

            var files = DemoSubmissions.WriteAll(ctx.Get<Reference.ReferenceCatalog>(), parse.GetValue(output)!, overwrite: true);
            ProvinceBulletin.Write(Path.Combine(parse.GetValue(output)!, "bulletins", ProvinceBulletin.FileName));
            await ctx.Output.WriteLineAsync($"Wrote {files.Count} workbooks to {parse.GetValue(output)} and a province bulletin table to {Path.Combine(parse.GetValue(output)!, "bulletins")}.");
            return ExitCodes.Success;
        }, ct));
        return command;
    }

    private static async Task<int> ProvinceSamplesAsync(VerbContext ctx, string folder, int seed, Period period, bool national)
    {
        // The shipped catalogue: the generator writes the province's own indicators file (and, national, the regions file) beside the workbooks.
        var catalog = Reference.ReferenceCatalog.Default;
        string? regionsFile = null;
        if (national)
        {
            Directory.CreateDirectory(folder);
            regionsFile = Path.Combine(folder, NationalRegions.FileName);
            var existing = catalog.RegionsDuring(period).Count(r => r.Level == Domain.RegionLevel.County);
            var text = NationalRegions.Build(NationalRegions.DefaultCountyUnits, existing);
            await File.WriteAllTextAsync(regionsFile, text);
            catalog = Reference.RegionCatalogFile.WithRegions(catalog, text, NationalRegions.FileName);
        }

        var sample = ProvinceSubmissions.Write(catalog, seed, period, folder);
        await ctx.Output.WriteLineAsync($"Wrote {sample.Workbooks.Count} workbooks for {period.Code} ({sample.Catalog.Indicators.Count} indicators each) to {folder}.");
        await ctx.Output.WriteLineAsync($"The province indicators are in {sample.IndicatorsFile}; import with PROSPERITY_Reference__IndicatorsFile={sample.IndicatorsFile} (or Reference:IndicatorsFile in appsettings.json).");
        if (regionsFile is not null)
        {
            await ctx.Output.WriteLineAsync($"The synthetic regions are in {regionsFile}; import with PROSPERITY_Reference__RegionsFile={regionsFile} as well.");
        }

        return ExitCodes.Success;
    }

    /// <summary>The office's units (<c>Office:Region</c>); a code the catalogue does not know is a usage error.</summary>
    internal static Review.Jurisdiction Jurisdiction(VerbContext ctx)
    {
        try
        {
            return ctx.Get<Review.OfficeOptions>().Resolve(ctx.Get<Reference.ReferenceCatalog>());
        }
        catch (ArgumentException ex)
        {
            throw new UsageException($"Configuration {ex.Message}", ex);
        }
    }

    /// <summary>A period as the verbs take it (<c>2025Q3</c>), or a usage error.</summary>
    internal static Period ParsePeriod(string text) =>
        Period.TryParse(text, out var p) ? p : throw new UsageException($"'{text}' is not a period; write it like 2025Q3.");

    // Imports and refreshes the rankings of the periods touched (the same use case as the nightly run).
    private static async Task<IReadOnlyList<ImportOutcome>> ImportAllAsync(VerbContext ctx, IReadOnlyList<string> files, CancellationToken token)
    {
        var intake = ctx.Get<ImportAndRefresh>();
        ImportBatchResult batch;
        if (ctx.IsInteractive && files.Count > 1)
        {
            ImportBatchResult? done = null;
            await ctx.Console.Progress().AutoClear(true).StartAsync(async progress =>
            {
                var task = progress.AddTask("Importing", maxValue: files.Count);
                task.Description = Markup.Escape(Display.SafeText.ForTerminal(Path.GetFileName(files[0]))!);
                var next = 1;
                done = await intake.ImportAsync(files, (_, outcome) =>
                {
                    ctx.Console.MarkupLine(Colour(outcome));
                    task.Increment(1);
                    task.Description = next < files.Count ? Markup.Escape(Display.SafeText.ForTerminal(Path.GetFileName(files[next++]))!) : "Refreshing rankings";
                    return Task.CompletedTask;
                }, token);
            });
            batch = done!;
        }
        else
        {
            batch = await intake.ImportAsync(files, (_, outcome) => ctx.Output.WriteLineAsync(outcome.Summary()), token);
        }

        var outcomes = batch.Outcomes;
        var accepted = outcomes.Count(o => o.Status is ImportStatus.Accepted or ImportStatus.AcceptedWithWarnings);
        var warned = outcomes.Count(o => o.Status == ImportStatus.AcceptedWithWarnings);
        var pending = outcomes.Count(o => o.Status == ImportStatus.Pending);
        var unchanged = outcomes.Count(o => o.Status == ImportStatus.NoChange);
        var skipped = outcomes.Count(o => o.Status == ImportStatus.AlreadyLoaded);
        var rejected = outcomes.Count(o => o.Status == ImportStatus.Rejected);
        await ctx.Output.WriteLineAsync($"{files.Count} file(s): {accepted} accepted ({warned} with warnings)"
            + (pending > 0 ? $", {pending} waiting for review" : string.Empty)
            + (unchanged > 0 ? $", {unchanged} without change" : string.Empty)
            + $", {skipped} already loaded, {rejected} rejected.");
        if (pending > 0)
        {
            await ctx.Output.WriteLineAsync("Returns waiting for review count once approved: prosperity review, then prosperity approve --submission N.");
        }
        if (batch.RefreshedPeriods.Count > 0)
        {
            await ctx.Output.WriteLineAsync(
                $"Rankings refreshed for {string.Join(", ", batch.RefreshedPeriods.Select(p => p.Code))} ({batch.RankingRows} ranking facts).");
        }

        return outcomes;
    }

    private static string Colour(ImportOutcome outcome)
    {
        var text = Markup.Escape(outcome.Summary());
        return outcome.Status switch
        {
            ImportStatus.Rejected => $"[red]{text}[/]",
            ImportStatus.AcceptedWithWarnings => $"[yellow]{text}[/]",
            ImportStatus.AlreadyLoaded or ImportStatus.NoChange => $"[grey]{text}[/]",
            ImportStatus.Pending => $"[blue]{text}[/]",
            _ => $"[green]{text}[/]",
        };
    }

    private static void Write(VerbContext ctx, IReadOnlyList<RankingTable> tables, string format, Period period, PeerLevel level)
    {
        switch (format)
        {
            case "csv":
                RankingWriter.WriteCsv(ctx.Output, tables);
                break;
            case "json":
                RankingWriter.WriteJson(ctx.Output, tables);
                break;
            default:
                if (tables.Count == 0)
                {
                    ctx.Output.WriteLine($"No values in the warehouse for {period.Code} at {PeerGroup.LevelName(level)} level.");
                }

                RankingWriter.WriteTables(ctx.Console, tables);
                break;
        }
    }
}
