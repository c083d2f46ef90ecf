using Prosperity.Etl.Data;

namespace Prosperity.Etl.SqlServer.Tests;

public class SqlServerConnectionFactoryTests
{
    [Fact]
    public void Constructor_ShouldExplain_WhenTheConnectionStringNamesNoDatabase()
    {
        var ex = Assert.Throws<WarehouseException>(() => new SqlServerConnectionFactory("Server=db;User Id=etl;Password=x"));

        Assert.Contains("names no database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ShouldExplain_WhenTheConnectionStringIsMalformed()
    {
        var ex = Assert.Throws<WarehouseException>(() => new SqlServerConnectionFactory("Sorver=db;Database=w"));

        Assert.Contains("connection string is not valid", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ShouldNameServerAndDatabase_WithoutThePassword()
    {
        var connections = new SqlServerConnectionFactory("Server=db.example,1433;Database=prosperity;User Id=etl;Password=hunter2");

        Assert.Equal("sqlserver:db.example,1433/prosperity", connections.Describe());
    }
}
