using Prosperity.Etl.Domain;
using Prosperity.Etl.Reference;

namespace Prosperity.Etl.Testing;

/// <summary>Ready-made domain values for tests.</summary>
public static class Some
{
    public static ReferenceCatalog Catalog => ReferenceCatalog.Default;

    public static Period Period => new(2025, 3);

    /// <summary>A clock in December 2025, when 2025Q3 has ended and 2025Q4 has too (Dec 31 is not yet past).</summary>
    public static FixedTimeProvider Clock => new(new DateTimeOffset(2025, 11, 15, 2, 0, 0, TimeSpan.Zero));

    public static Region Xinchang => Catalog.FindRegion("330624", Period)!;

    public static Region Keqiao => Catalog.FindRegion("330603", Period)!;

    public static Indicator UrbanIncome => Catalog.FindIndicator("INC_URBAN_PC")!;

    public static Indicator Ratio => Catalog.FindIndicator("RATIO_URBAN_RURAL")!;

    /// <summary>A full set of plausible values for every indicator of the catalogue.</summary>
    public static Dictionary<string, decimal?> Values(decimal urban = 62_845m, decimal rural = 39_716m) => new()
    {
        ["INC_URBAN_PC"] = urban,
        ["INC_RURAL_PC"] = rural,
        ["RATIO_URBAN_RURAL"] = Math.Round(urban / rural, 2),
        ["TOWN_LISTS"] = 88m,
        ["VILLAGE_MEASURES"] = 110m,
        ["HOUSEHOLD_ACTIONS"] = 4_562m,
        ["FARMER_INCOME_RAISED"] = 836.7m,
        ["LEADERS_KEY_TOWNS"] = 3m,
        ["DEPTS_SUPPORTING_VILLAGES"] = 21m,
        ["CHAIN_JOBS"] = null,
        ["CHAINS_OVER_1BN"] = 2m,
        ["SPECIALTY_OUTPUT"] = 80.7m,
        ["WORKSHOPS"] = 152m,
        ["WORKSHOP_WORKERS"] = 9_720m,
        ["YOUTH_STATIONS_PLANNED"] = 45m,
        ["RURAL_INNOVATORS_TARGET"] = 1_500m,
        ["INC_ALL_PC"] = Math.Round((urban * 0.6m) + (rural * 0.4m), 0),
        ["YOUTH_STATIONS_BUILT"] = 27m,
        ["RURAL_INNOVATORS_TRAINED"] = 930m,
        ["POP_RESIDENT"] = 99.4m,
    };
}

/// <summary>A clock that stays where it is put.</summary>
public sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>A temporary folder removed on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "prosperity-tests", Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow runner; the OS cleans the temp folder.
        }
    }
}
