using Prosperity.Etl.Host.Cli;

namespace Prosperity.Etl.Host.Tests;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class CliRunner
{
    /// <summary>
    /// Runs with review off (<c>Review:Required=false</c>): a validated return counts at once, so tests
    /// of importing and ranking need no approval step. <see cref="RunReviewedAsync"/> keeps the default.
    /// </summary>
    public static Task<(int Exit, string Out, string Err)> RunAsync(params string[] args) =>
        RunWithAsync(new Dictionary<string, string?> { ["Review:Required"] = "false" }, args);

    /// <summary>Runs with the shipped default: validated returns wait for review.</summary>
    public static Task<(int Exit, string Out, string Err)> RunReviewedAsync(params string[] args) =>
        RunWithAsync(new Dictionary<string, string?>(), args);

    /// <summary>Runs with <paramref name="settings"/> over the configuration.</summary>
    public static async Task<(int Exit, string Out, string Err)> RunWithAsync(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await new ProsperityCli(output, error) { Settings = settings }.RunAsync(args);
        return (exit, output.ToString(), error.ToString());
    }
}
