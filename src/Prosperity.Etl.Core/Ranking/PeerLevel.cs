using Prosperity.Etl.Domain;

namespace Prosperity.Etl.Ranking;

/// <summary>The level of the peers to rank.</summary>
public enum PeerLevel
{
    /// <summary>The cities of the province.</summary>
    City,

    /// <summary>The county-level units (and functional areas) of each city.</summary>
    County,

    /// <summary>All county-level units (and functional areas) of the province.</summary>
    ProvinceCounty,
}
