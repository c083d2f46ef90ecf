using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Prosperity.Etl.Host;
using Prosperity.Etl.Operations;

namespace Prosperity.Etl.Benchmarks;

/// <summary>The product's container over a benchmark's warehouse, as <c>prosperity serve</c> builds it.</summary>
internal static class BenchServices
{
    public static ServiceProvider Build(IConfiguration configuration, string db)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddProsperity(configuration, db);
        collection.AddInboxJobs(configuration);
        return collection.BuildServiceProvider();
    }
}
