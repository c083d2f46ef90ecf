namespace Prosperity.Etl.Host;

/// <summary>Which warehouse to use: <c>sqlite:PATH</c>, <c>postgres:CONNECTION</c> or <c>sqlserver:CONNECTION</c>.</summary>
public sealed record WarehouseTarget(string Provider, string Connection)
{
    /// <summary>The providers this build can open.</summary>
    public static IReadOnlyList<string> SupportedProviders { get; } = ["sqlite", "postgres", "sqlserver"];

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

    /// <summary>Builds a target from a provider name and a connection string, checking the provider.</summary>
    public static WarehouseTarget Create(string provider, string? connection)
    {
        var p = provider.Trim().ToLowerInvariant() switch
        {
            "sqlite" => "sqlite",
            "postgres" or "postgresql" or "npgsql" => "postgres",
            "sqlserver" or "mssql" => "sqlserver",
            _ => throw new UsageException($"Unknown warehouse provider '{provider}'; use sqlite, postgres or sqlserver."),
        };
        if (!SupportedProviders.Contains(p))
        {
            throw new UsageException($"The {p} warehouse is not available in this build; use sqlite:PATH.");
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new UsageException($"No connection given for the {p} warehouse (ConnectionStrings:Warehouse or --db {p}:...).");
        }

        return new WarehouseTarget(p, connection.Trim());
    }

    /// <inheritdoc />
    /// <remarks>A password in the connection string is masked: the target is printed by the verbs.</remarks>
    public override string ToString() =>
        $"{Provider}:{System.Text.RegularExpressions.Regex.Replace(Connection, @"(?i)\b(password|pwd)\s*=[^;]*", "$1=***")}";
}

/// <summary>A usage or configuration mistake: printed as one line, exit code 2.</summary>
public sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
