using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>The level of the peers to rank.</summary>
public enum PeerLevel
{
    /// <summary>The cities of the province.</summary>
    City,

    /// <summary>
    /// The county-level units of each city; the city's functional areas (Binhai New Area) form a group
    /// of their own beside it, since they overlap their host districts.
    /// </summary>
    County,

    /// <summary>All county-level units of the province (90 in Zhejiang); functional areas are never among them.</summary>
    ProvinceCounty,
}
