namespace Verdict.Pipeline;

/// <summary>The names of the built-in stages, in the order a bundle runs them.</summary>
public static class StageNames
{
    /// <summary>Purpose binding of the incident's accesses; severity may read <c>purpose.violations</c>.</summary>
    public const string Purpose = "purpose";
    /// <summary>The risk to people (RiskAssessment); severity and obligations read <c>risk.level</c>.</summary>
    public const string Risk = "risk";
    /// <summary>The severity matrix.</summary>
    public const string Severity = "severity";
    /// <summary>Notification obligations; they may read <c>severity</c>.</summary>
    public const string Obligations = "obligations";
    /// <summary>Escalation paths; they may read <c>owes(..)</c> and anchor on regulator deadlines.</summary>
    public const string Escalation = "escalation";
    /// <summary>Action plans.</summary>
    public const string Actions = "actions";
}
