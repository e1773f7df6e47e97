namespace Verdict.Decisions;

/// <summary>
/// The risk of the breach to people's rights and freedoms: the level obligations read (the controller's documented
/// assessment when given, else the derived one), the derived level with the factors and reasons that decided it, and
/// whether the two disagree.
/// </summary>
public sealed record RiskResult(
    string Level,
    string? Derived,
    string? Controller,
    bool Disagreement,
    string Policy,
    IReadOnlyList<RiskFactor> Factors,
    IReadOnlyList<string> Adjustments,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> MissingFacts)
{
    /// <summary>No risk policy in force and no assessment by the controller.</summary>
    public static readonly RiskResult None = new("indeterminate", null, null, false, "", [], [], ["no risk assessment policy is in force and the controller gave no assessment.riskToRights"], ["assessment.riskToRights"]);
}

/// <summary>How one scenario (a type of breach) was rated: severity × likelihood = risk, with the rules that decided.</summary>
public sealed record RiskFactor(string Scenario, string Severity, string? SeverityRule, string Likelihood, string? LikelihoodRule, string Risk);
