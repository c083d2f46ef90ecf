using System.Runtime.InteropServices;
using System.Text;
using Prosperity.Etl.Host;
using Prosperity.Etl.Host.Cli;

Console.OutputEncoding = Encoding.UTF8;
using var cancel = new CancellationTokenSource();

// Ctrl+C and SIGTERM cancel the verb; a verb that is waiting where cancellation cannot reach (a
// warehouse locked by another program, a parser in the middle of a file) is ended after a grace
// period: every load is one transaction, so what was not committed is simply not there.
var grace = args.FirstOrDefault() == "serve" ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(3);
void Stop(string signal)
{
    if (cancel.IsCancellationRequested)
    {
        Environment.Exit(ExitCodes.Cancelled);
    }

    cancel.Cancel();
    _ = Task.Delay(grace).ContinueWith(_ =>
    {
        Console.Error.WriteLine(ProsperityCli.StoppedMessage(signal));
        Environment.Exit(ExitCodes.Cancelled);
    }, TaskScheduler.Default);
}

Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    Stop("Ctrl+C");
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    Stop("SIGTERM");
});

return await new ProsperityCli().RunAsync(args, cancel.Token);
