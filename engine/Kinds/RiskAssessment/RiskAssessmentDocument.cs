using Verdict.Syntax;

namespace Verdict.Model;

/// <summary>
/// A risk assessment policy: how likely and how severe the harm of a personal data breach is to people, combined by a
/// matrix into <c>unlikely</c>, <c>risk</c> or <c>high</c> (GDPR Art. 33(1), 34(1); EDPB Guidelines 9/2022 section IV).
/// </summary>
public sealed class RiskAssessmentDocument(PolicyHeader header, MapNode node, string file) : PolicyDocument(header, node, file)
{
    /// <summary>Risk level (0 unlikely, 1 risk, 2 high) by severity rank (rows) and likelihood rank (columns).</summary>
    public required int[][] Matrix { get; init; }
    /// <summary>Where the matrix comes from.</summary>
    public string? MatrixCitation { get; init; }
    /// <summary>Severity rules shared by the scenarios that have none of their own.</summary>
    public required IReadOnlyList<RiskRule> Severity { get; init; }
    /// <summary>The scenarios (types of breach), each rated on its own.</summary>
    public required IReadOnlyList<RiskScenario> Scenarios { get; init; }
    /// <summary>Changes to the combined level.</summary>
    public required IReadOnlyList<RiskAdjustment> Adjustments { get; init; }
}

/// <summary>One rule of a first-match list: when it holds, the list yields <see cref="Level"/> (0 negligible … 3 maximum).</summary>
public sealed record RiskRule(string Id, Located? When, int Level, bool SkipWhenUnknown, string? Rationale, string Citation, MapNode Node);

/// <summary>A way the breach can harm people (a breach type), with its own likelihood and optionally its own severity.</summary>
public sealed record RiskScenario(string Id, string? Title, Located? When, IReadOnlyList<RiskRule>? Severity, IReadOnlyList<RiskRule> Likelihood, string Citation, MapNode Node);

/// <summary>A floor or ceiling on the combined risk when a condition holds.</summary>
public sealed record RiskAdjustment(string Id, Located When, int? AtLeast, int? AtMost, bool SkipWhenUnknown, string? Rationale, string Citation, MapNode Node);
