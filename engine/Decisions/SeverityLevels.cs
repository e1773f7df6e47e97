namespace Verdict.Decisions;

/// <summary>The severity levels, lowest first, and the words a severity takes when it has no level.</summary>
public static class SeverityLevels
{
    /// <summary>low, medium, high, critical.</summary>
    public static readonly string[] Names = ["low", "medium", "high", "critical"];

    /// <summary>The matrix needs facts the incident does not give.</summary>
    public const string Indeterminate = "indeterminate";

    /// <summary>The matrix could not be evaluated; the decision's failures say why.</summary>
    public const string Failed = "failed";
}
