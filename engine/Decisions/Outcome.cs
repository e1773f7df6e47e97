namespace Verdict.Decisions;

/// <summary>The statuses an item of a decision takes (<see cref="ObligationResult.Status"/>).</summary>
public static class Outcome
{
    /// <summary>Decided: the duty is owed.</summary>
    public const string Required = "required";

    /// <summary>Decided: an exemption the facts establish applies.</summary>
    public const string Exempt = "exempt";

    /// <summary>Not decidable from these facts: <see cref="ObligationResult.Unknowns"/> says what is missing.</summary>
    public const string Indeterminate = "indeterminate";

    /// <summary>The policy failed while deciding: <see cref="Decision.Failures"/> holds its diagnostic.</summary>
    public const string Failed = "failed";
}
