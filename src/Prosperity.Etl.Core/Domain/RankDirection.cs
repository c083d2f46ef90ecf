namespace Prosperity.Etl.Domain;

/// <summary>Which way an indicator ranks.</summary>
public enum RankDirection
{
    /// <summary>Higher values rank first (incomes).</summary>
    HigherIsBetter,

    /// <summary>Lower values rank first (the urban-rural income ratio).</summary>
    LowerIsBetter,
}
