using System.Data.Common;

namespace Prosperity.Etl.Data;

/// <summary>Creates or upgrades the warehouse schema (DbUp over the dialect's sql/ scripts).</summary>
public interface ISchemaMigrator
{
    /// <summary>Runs the scripts not yet applied; returns their names.</summary>
    IReadOnlyList<string> Migrate();
}
