using Microsoft.Extensions.Logging.Abstractions;
using Prosperity.Etl.Data;

namespace Prosperity.Etl.Sqlite.Tests;

/// <summary>
/// The warehouse contract on the product's SQLite warehouse (prepared fact insert, indicator keys
/// resolved once); <see cref="SqliteWarehouseTests"/> keeps the shared Dapper path covered.
/// </summary>
public class SqlitePreparedWarehouseTests : SqliteWarehouseTests
{
    protected override DapperWarehouse CreateWarehouse() =>
        new SqlitePreparedWarehouse(Connections, Dialect, new SqliteMigrator((SqliteConnectionFactory)Connections, NullLogger<SqliteMigrator>.Instance),
            Clock, NullLogger<DapperWarehouse>.Instance);
}
