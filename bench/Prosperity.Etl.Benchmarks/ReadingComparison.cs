using System.Diagnostics;
using ClosedXML.Excel;
using Prosperity.Etl.Excel;

namespace Prosperity.Etl.Benchmarks;

/// <summary>
/// Reads the same files with the product's reader and with the raw SAX floor, side by side: file by
/// file, the two readers one right after the other (their order alternating between repetitions),
/// keeping each file's best time per reader, so a burst of other work on a shared machine hits both
/// or is dropped. Also times the package guard and ClosedXML's load alone, to show where the
/// reader's time goes. Cells are counted by the SAX pass and used for both rates.
/// </summary>
internal static class ReadingComparison
{
    internal sealed record Figures(long Cells, double ProductSeconds, double SaxSeconds, double GuardSeconds, double OpenSeconds,
        IReadOnlyList<double> RatiosPerRepetition)
    {
        public double ProductCellsPerSecond => Cells / ProductSeconds;

        public double SaxCellsPerSecond => Cells / SaxSeconds;

        public double Ratio => SaxSeconds / ProductSeconds;
    }

    public static Figures Measure(IReadOnlyList<string> files, int repeat, ReaderLimits limits)
    {
        var reader = new SubmissionWorkbookReader(limits);
        // Warm-up: the JIT and ClosedXML's type initialisers stay out of the figures.
        _ = reader.Read(files[0]);
        _ = SaxWorkbookReader.Read(files[0]);

        var best = new double[files.Count, 4];
        for (var f = 0; f < files.Count; f++)
        {
            for (var k = 0; k < 4; k++)
            {
                best[f, k] = double.MaxValue;
            }
        }

        long cells = 0;
        var ratios = new List<double>();
        for (var r = 0; r < repeat; r++)
        {
            var pass = new double[4];
            cells = 0;
            for (var f = 0; f < files.Count; f++)
            {
                var file = files[f];
                var times = new double[4];
                if (r % 2 == 0)
                {
                    times[1] = Time(() => cells += SaxWorkbookReader.Read(file));
                    times[0] = Time(() => ReadProduct(reader, file));
                }
                else
                {
                    times[0] = Time(() => ReadProduct(reader, file));
                    times[1] = Time(() => cells += SaxWorkbookReader.Read(file));
                }

                times[2] = Time(() => PackageGuard.Check(file, limits));
                times[3] = Time(() =>
                {
                    using var workbook = new XLWorkbook(file, new LoadOptions { EventTracking = XLEventTracking.Disabled });
                });
                for (var k = 0; k < 4; k++)
                {
                    pass[k] += times[k];
                    best[f, k] = Math.Min(best[f, k], times[k]);
                }
            }

            ratios.Add(pass[1] / pass[0]);
        }

        double Sum(int k) => Enumerable.Range(0, files.Count).Sum(f => best[f, k]);
        return new Figures(cells, Sum(0), Sum(1), Sum(2), Sum(3), ratios);
    }

    private static void ReadProduct(SubmissionWorkbookReader reader, string file)
    {
        if (reader.Read(file).Submission is null)
        {
            throw new InvalidOperationException($"{file} was not read as a submission.");
        }
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }
}
