using Prosperity.Etl.Host.Cli;

namespace Prosperity.Etl.Host.Tests;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new ProsperityCli(output, error).RunAsync(args);
        return (exit, output.ToString(), error.ToString());
    }
}
