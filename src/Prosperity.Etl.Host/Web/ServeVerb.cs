using System.CommandLine;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Prosperity.Etl.Host.Cli;

namespace Prosperity.Etl.Host.Web;

/// <summary><c>prosperity serve [--urls URL]</c> and <c>prosperity password-hash</c>.</summary>
internal static class ServeVerb
{
    public static Command Create(ProsperityCli cli)
    {
        var urls = new Option<string?>("--urls")
        {
            Description = "Where to listen (default http://127.0.0.1:5080); the dashboard answers local requests only unless Dashboard:Users is configured",
        };
        var command = new Command("serve", "Run the Hangfire server (nightly import, rankings refresh) with the dashboard at /hangfire and /health") { urls };
        command.SetAction((parse, cancellationToken) => cli.RunVerbAsync(parse, async (context, ct) =>
        {
            var address = parse.GetValue(urls) ?? context.Configuration["Serve:Urls"] ?? "http://127.0.0.1:5080";
            await using var app = await OperationsWebHost.BuildAsync(context.Configuration, context.Db, address, cancellationToken: ct);
            try
            {
                await app.StartAsync(ct);
            }
            catch (IOException ex)
            {
                // Kestrel's "address already in use" and friends: a setting to change, not a crash.
                throw new UsageException($"Cannot listen on {address}: {ex.Message}", ex);
            }

            await app.WaitForShutdownAsync(ct);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    public static Command PasswordHash(ProsperityCli cli)
    {
        var command = new Command("password-hash", "Read a password from standard input and print its hash for Dashboard:Users:N:PasswordHash");
        command.SetAction((parse, cancellationToken) => cli.RunVerbAsync(parse, async (context, ct) =>
        {
            var password = (await cli.Input.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password))
            {
                throw new UsageException("Give the password on standard input, e.g. 'read -s P; echo \"$P\" | prosperity password-hash'.");
            }

            await context.Output.WriteLineAsync(DashboardAccess.HashPassword(password));
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
