using Prosperity.Etl.Import.Bulletins;

namespace Prosperity.Etl.Excel.Reading;

/// <summary>A comparison table as read, with which column was taken for what.</summary>
internal sealed record BulletinReading(BulletinReadResult Result, IReadOnlyList<LayoutEntry> Layout);
