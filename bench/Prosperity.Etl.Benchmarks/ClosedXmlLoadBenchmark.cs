using System.Diagnostics;
using ClosedXML.Excel;

namespace Prosperity.Etl.Benchmarks;

/// <summary>ClosedXML's load of each given file alone, best of five, with the SAX floor beside it: to see which parts of a workbook cost the load.</summary>
public sealed class ClosedXmlLoadBenchmark : IBenchmark
{
    public string Name => "closedxml-load";

    public string Description => "ClosedXML load vs SAX read of the given .xlsx files (best of 5 each)";

    public async Task<int> RunAsync(string[] args, TextWriter output)
    {
        foreach (var file in args)
        {
            double load = double.MaxValue, sax = double.MaxValue;
            for (var i = 0; i < 5; i++)
            {
                var clock = Stopwatch.StartNew();
                using (new XLWorkbook(file, new LoadOptions { EventTracking = XLEventTracking.Disabled }))
                {
                    load = Math.Min(load, clock.Elapsed.TotalMilliseconds);
                }

                clock.Restart();
                _ = SaxWorkbookReader.Read(file);
                sax = Math.Min(sax, clock.Elapsed.TotalMilliseconds);
            }

            await output.WriteLineAsync($"{Path.GetFileName(file),-50} ClosedXML {load,8:0.0} ms   SAX {sax,8:0.0} ms   ratio {sax / load:0.00}");
        }

        return 0;
    }
}
