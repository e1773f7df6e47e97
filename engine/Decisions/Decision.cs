using NodaTime;

namespace Verdict.Decisions;

/// <summary>
/// The answer for one incident under one bundle. Serialized by <see cref="Rendering.DecisionJson"/> into the contract
/// in DESIGN.md; every list is already in its deterministic order.
/// </summary>
public sealed record Decision(
    string DecisionId,
    string IncidentId,
    BundleInfo Bundle,
    SeverityResult Severity,
    IReadOnlyList<PurposeViolation> PurposeViolations,
    IReadOnlyList<ObligationResult> Obligations,
    IReadOnlyList<EscalationStep> Escalation,
    IReadOnlyList<ActionStep> Actions,
    IReadOnlyList<TraceEntry>? Trace)
{
    // The id is a SHA-256 over the canonical facts: most of a decision's cost if paid eagerly, and many callers
    // (bulk runs, benchmarks, the access path) never read it. It is computed on first read instead.
    private string? _decisionId = DecisionId;
    private readonly Facts.IncidentFacts? _facts;

    /// <summary>Digest of the bundle digest and the canonical facts (<c>sha256:…</c>), computed on first read.</summary>
    public string DecisionId
    {
        get => _decisionId ??= DecisionIds.For(Bundle.Digest, _facts!);
        init => _decisionId = value;
    }

    /// <summary>A decision whose id is derived from <paramref name="facts"/> when first read.</summary>
    internal Decision(Facts.IncidentFacts facts, string incidentId, BundleInfo bundle, SeverityResult severity,
        IReadOnlyList<PurposeViolation> purposeViolations, IReadOnlyList<ObligationResult> obligations,
        IReadOnlyList<EscalationStep> escalation, IReadOnlyList<ActionStep> actions, IReadOnlyList<TraceEntry>? trace)
        : this((string)null!, incidentId, bundle, severity, purposeViolations, obligations, escalation, actions, trace) => _facts = facts;
}

/// <summary>Which bundle decided.</summary>
public sealed record BundleInfo(string Name, string Version, string Digest);

/// <summary>
/// The severity: a level (low, medium, high, critical) or <c>indeterminate</c> with the missing facts that prevent a decision.
/// </summary>
public sealed record SeverityResult(
    string Level,
    string Policy,
    IReadOnlyList<string> Rows,
    IReadOnlyList<string> Modifiers,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> MissingFacts)
{
    /// <summary>The level's rank (0 low … 3 critical), or -1 when indeterminate.</summary>
    public int Rank => Array.IndexOf(Expressions.SeverityView.Levels, Level);
}

/// <summary>An access that broke a purpose-binding rule.</summary>
public sealed record PurposeViolation(string Actor, string Purpose, string Object, IReadOnlyList<string> Fields, string Rule, string Reason, string Policy);

/// <summary>One stage of one notification duty.</summary>
public sealed record ObligationResult(
    string Id,
    string Regime,
    string Jurisdiction,
    string Recipient,
    string Stage,
    Instant? DueAt,
    Instant? LegalDueAt,
    string Deadline,
    string Status,
    string? Exemption,
    IReadOnlyList<string> MissingFacts,
    string Citation,
    IReadOnlyList<ContentItem> Content,
    string Policy,
    string? Verification);

/// <summary>A required item of a notice and its value from the facts, or missing.</summary>
public sealed record ContentItem(string Item, object? Value, bool Missing);

/// <summary>A step of the escalation path with its absolute due instant.</summary>
public sealed record EscalationStep(int Step, string Role, string Channel, string AckWithin, Instant? DueAt, string? EscalateTo, string? Reason, string Policy);

/// <summary>A containment or forensic action in execution order.</summary>
public sealed record ActionStep(string Id, int Order, IReadOnlyList<string> After, IReadOnlyDictionary<string, string> Params, string? Title, string Policy);

/// <summary>One rule evaluated during a decision, matched or not, and why (with <c>--explain</c>).</summary>
public sealed record TraceEntry(string Stage, string Policy, string Rule, string Result, string? Detail);
