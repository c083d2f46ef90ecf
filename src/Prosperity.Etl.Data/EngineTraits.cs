namespace Prosperity.Etl.Data;

/// <summary>What the composition root needs to know of an engine without naming it.</summary>
/// <param name="Embedded">A database file the product creates itself (SQLite): a read-only verb must not create or migrate it.</param>
public sealed record EngineTraits(bool Embedded);
