using System.Text;
using Prosperity.Etl.Host.Cli;

Console.OutputEncoding = Encoding.UTF8;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await new ProsperityCli().RunAsync(args, cancel.Token);
