using System.Globalization;
using System.Text;

namespace Prosperity.Etl.Validation;

/// <summary>The outcome of reading one value cell.</summary>
public enum CellValueKind
{
    /// <summary>A number (possibly converted from a typed unit).</summary>
    Number,

    /// <summary>Blank, "—", "/", "-": the figure is not available, which is not zero.</summary>
    NotAvailable,

    /// <summary>Text that is not a number.</summary>
    Invalid,

    /// <summary>A number with a unit that cannot be converted to the catalogue unit.</summary>
    UnitNotConvertible,
}
