using Microsoft.Extensions.Configuration;

namespace Prosperity.Etl.Host;

/// <summary>
/// Which warehouse to use: <c>sqlite:PATH</c>, <c>postgres:CONNECTION</c> or <c>sqlserver:CONNECTION</c>.
/// <see cref="Provider"/> is the name as given; <see cref="WarehouseEngines"/> knows which names
/// there are, and prints the canonical one.
/// </summary>
public sealed record WarehouseTarget(string Provider, string Connection)
{
    /// <summary>The provider when neither <c>--db</c> nor <c>Warehouse:Provider</c> names one.</summary>
    public const string DefaultProvider = "sqlite";

    /// <summary>The connection when neither <c>--db</c> nor <c>ConnectionStrings:Warehouse</c> gives one.</summary>
    public const string DefaultConnection = "data/warehouse.db";

    /// <summary>The target of a verb: <paramref name="db"/> (<c>--db provider:connection</c>) wins over configuration.</summary>
    public static WarehouseTarget From(IConfiguration configuration, string? db)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return db is not null
            ? Parse(db)
            : Create(configuration["Warehouse:Provider"] ?? DefaultProvider, configuration.GetConnectionString("Warehouse") ?? DefaultConnection);
    }

    /// <summary>Parses the <c>--db</c> form <c>provider:connection</c>.</summary>
    public static WarehouseTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new UsageException($"--db '{text}' should read provider:connection, e.g. sqlite:data/warehouse.db.");
        }

        return Create(text[..colon], text[(colon + 1)..]);
    }

    /// <summary>Builds a target from a provider name and a connection string, checking both.</summary>
    public static WarehouseTarget Create(string provider, string? connection)
    {
        ArgumentNullException.ThrowIfNull(provider);
        var canonical = WarehouseEngines.CanonicalName(provider);
        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new UsageException($"No connection given for the {canonical} warehouse (ConnectionStrings:Warehouse or --db {canonical}:...).");
        }

        return new WarehouseTarget(canonical, connection.Trim());
    }

    /// <inheritdoc />
    /// <remarks>A password in the connection string is masked: the target is printed by the verbs.</remarks>
    public override string ToString() =>
        $"{Provider}:{System.Text.RegularExpressions.Regex.Replace(Connection, @"(?i)\b(password|pwd)\s*=[^;]*", "$1=***")}";
}
