using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

/// <summary>One figure of a bulletin table: a region's value of an indicator, with the cell it came from.</summary>
public sealed record BulletinFigure(Region Region, Indicator Indicator, decimal Value, CellRef Location);
