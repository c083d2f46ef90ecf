using Prosperity.Etl.Domain;
using Prosperity.Etl.Excel;
using Prosperity.Etl.Samples;
using Prosperity.Etl.Testing;

namespace Prosperity.Etl.Host.Tests;

/// <summary>The committed copies in samples/workbooks must stay what the generator makes.</summary>
public class SampleWorkbooksTests
{
    private static string? SamplesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "workbooks");
            if (Directory.Exists(candidate) && File.Exists(Path.Combine(dir.FullName, "Prosperity.Etl.sln")))
            {
                return candidate;
            }
        }

        return null;
    }

    [Fact]
    public void CommittedSamples_ShouldHoldTheGeneratorsFigures()
    {
        var folder = SamplesFolder();
        Assert.NotNull(folder);
        var reader = new SubmissionWorkbookReader();
        var count = 0;
        foreach (var period in DemoSubmissions.Periods)
        {
            foreach (var region in DemoSubmissions.Submitters(Some.Catalog, period))
            {
                var expected = DemoSubmissions.Build(Some.Catalog, region, period);
                var read = reader.Read(Path.Combine(folder!, period.Code, DemoSubmissions.FileName(region, period)));

                Assert.Empty(read.Issues);
                Assert.Equal(region.Code, read.Submission!.RegionCode.Text);
                Assert.Equal(period.Code, read.Submission.PeriodText.Text);
                foreach (var line in read.Submission.Values)
                {
                    Assert.Equal(expected.Values.GetValueOrDefault(line.IndicatorCode), line.Number);
                }

                count++;
            }
        }

        Assert.Equal(24, count);
    }

    [Fact]
    public void Demo_ShouldMatchTheArticle_ForShaoxingInTheFirstThreeQuarters()
    {
        var shaoxing = Some.Catalog.FindRegion("330600", new Period(2025, 3))!;
        var values = DemoSubmissions.Build(Some.Catalog, shaoxing, new Period(2025, 3)).Values;

        Assert.Equal(69_987m, values["INC_URBAN_PC"]);
        Assert.Equal(45_183m, values["INC_RURAL_PC"]);
        Assert.Equal(1.55m, values["RATIO_URBAN_RURAL"]);
        Assert.Equal(Math.Round((69_987m * 0.66m) + (45_183m * 0.34m)), values["INC_ALL_PC"]); // 61,554, between the two
        Assert.Equal(1_011m, values["WORKSHOPS"]);
        Assert.Equal(64_800m, values["WORKSHOP_WORKERS"]);
        Assert.Equal(538m, values["SPECIALTY_OUTPUT"]);
    }
}
