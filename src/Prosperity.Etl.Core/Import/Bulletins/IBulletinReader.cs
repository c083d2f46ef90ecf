using Prosperity.Etl.Domain;
using Prosperity.Etl.Validation;

namespace Prosperity.Etl.Import.Bulletins;

/// <summary>Recognises and reads province bulletin tables.</summary>
public interface IBulletinReader
{
    /// <summary>Reads <paramref name="path"/> as a bulletin table; null when the file is not one (then it is read as a district return).</summary>
    BulletinReadResult? TryRead(string path);
}
