using NodaTime;

namespace Verdict.Decisions;

/// <summary>
/// The answer for one incident under one bundle, serialized by the JSON renderer into the contract of
/// docs/design.md; every list is already in its deterministic order. A policy that failed while deciding leaves a
/// <c>failed</c> item and an entry in <see cref="Failures"/> (docs/decision.md); every other item is still decided.
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
    private readonly Func<string>? _computeId;

    /// <summary>Digest of the bundle digest and the canonical facts (<c>sha256:…</c>), computed on first read.</summary>
    public string DecisionId
    {
        get => _decisionId ??= _computeId!();
        init => _decisionId = value;
    }

    /// <summary>
    /// The policies that failed while deciding (a unique table with two hits, a script error or limit), in the order
    /// the stages ran. Empty when every item was decided or is indeterminate.
    /// </summary>
    public IReadOnlyList<DecisionFailure> Failures { get; init; } = [];

    /// <summary>True when some item of the decision is <c>failed</c>.</summary>
    public bool HasFailures => Failures.Count > 0;

    /// <summary>A decision whose id is computed by <paramref name="computeId"/> when first read.</summary>
    internal Decision(Func<string> computeId, string incidentId, BundleInfo bundle, SeverityResult severity,
        IReadOnlyList<PurposeViolation> purposeViolations, IReadOnlyList<ObligationResult> obligations,
        IReadOnlyList<EscalationStep> escalation, IReadOnlyList<ActionStep> actions, IReadOnlyList<TraceEntry>? trace)
        : this((string)null!, incidentId, bundle, severity, purposeViolations, obligations, escalation, actions, trace) => _computeId = computeId;

    /// <summary>The risk to people's rights and freedoms, decided before severity and obligations.</summary>
    public RiskResult Risk { get; init; } = RiskResult.None;

    /// <summary>What the indeterminate items could turn into, what decides them and what to do meanwhile; null when
    /// nothing waits for an incident fact or the caller did not ask (<c>DecideOptions.Uncertainty</c>).</summary>
    public UncertaintyReport? Uncertainty { get; init; }
}

/// <summary>Which bundle decided.</summary>
public sealed record BundleInfo(string Name, string Version, string Digest);

/// <summary>
/// The severity: a level (low, medium, high, critical), <c>indeterminate</c> with the missing facts that prevent a
/// decision, or <c>failed</c> when the matrix could not be evaluated (its diagnostic is in <see cref="Decision.Failures"/>).
/// </summary>
public sealed record SeverityResult(
    string Level,
    string Policy,
    IReadOnlyList<string> Rows,
    IReadOnlyList<string> Modifiers,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> MissingFacts)
{
    /// <summary><see cref="MissingFacts"/> typed (fact paths).</summary>
    public IReadOnlyList<Unknown> Unknowns => Unknown.Of(MissingFacts);

    /// <summary>The level's rank (0 low … 3 critical), or -1 when indeterminate or failed.</summary>
    public int Rank => Array.IndexOf(SeverityLevels.Names, Level);
}

/// <summary>An access that broke a purpose-binding rule.</summary>
public sealed record PurposeViolation(string Actor, string Purpose, string Object, IReadOnlyList<string> Fields, string Rule, string Reason, string Policy);

/// <summary>
/// One stage of one notification duty. What the compiled stage fixes (id, regime, recipient, deadline words, citation…)
/// is shared through one descriptor built at bundle load, so a decision allocates only the per-incident fields.
/// </summary>
public sealed record ObligationResult
{
    private readonly ObligationStage _stage;

    internal ObligationResult(ObligationStage stage, Instant? dueAt, Instant? legalDueAt, string status, string? exemption,
        IReadOnlyList<string> missingFacts, IReadOnlyList<ContentItem> content)
    {
        _stage = stage;
        DueAt = dueAt;
        LegalDueAt = legalDueAt;
        Status = status;
        Exemption = exemption;
        MissingFacts = missingFacts;
        Content = content;
    }

    /// <summary>The duty's id.</summary>
    public string Id => _stage.Id;
    /// <summary>The regime the policy belongs to.</summary>
    public string Regime => _stage.Regime;
    /// <summary>The policy's jurisdiction.</summary>
    public string Jurisdiction => _stage.Jurisdiction;
    /// <summary>Who is to be notified.</summary>
    public string Recipient => _stage.Recipient;
    /// <summary>The stage of the duty (initial, final, …).</summary>
    public string Stage => _stage.Stage;
    /// <summary>The earliest defensible deadline; null for a duty without a ceiling or when the facts do not fix it.</summary>
    public Instant? DueAt { get; }
    /// <summary>The later instant the law's own counting rules (roll-forward) give, when there is one.</summary>
    public Instant? LegalDueAt { get; }
    /// <summary>The deadline in words.</summary>
    public string Deadline => _stage.Deadline;
    /// <summary>required, indeterminate, exempt or failed (<see cref="Outcome"/>).</summary>
    public string Status { get; }
    /// <summary>The exemption that applies, with its citation.</summary>
    public string? Exemption { get; }
    /// <summary>The facts needed to decide, in ordinal order.</summary>
    public IReadOnlyList<string> MissingFacts { get; }
    /// <summary><see cref="MissingFacts"/> typed: a fact path, a calendar year, a prior notice or an earlier stage.</summary>
    public IReadOnlyList<Unknown> Unknowns => Unknown.Of(MissingFacts);
    /// <summary>The stage's citation, or the duty's.</summary>
    public string Citation => _stage.Citation;
    /// <summary>The required content of the notice with its values.</summary>
    public IReadOnlyList<ContentItem> Content { get; }
    /// <summary>The deciding policy (<c>id@version</c>).</summary>
    public string Policy => _stage.Policy;
    /// <summary>The policy's verification status, if it declares one.</summary>
    public string? Verification => _stage.Verification;
    /// <summary>The recipient by name and filing channel, when the policy states it.</summary>
    public Authority? Authority => _stage.Authority;
}

/// <summary>The parts of an obligation fixed by the compiled policy, duty and stage: one instance per stage.</summary>
internal sealed record ObligationStage(string Id, string Regime, string Jurisdiction, string Recipient, string Stage,
    string Deadline, string Citation, string Policy, string? Verification, Authority? Authority = null);

/// <summary>A required item of a notice and its value from the facts, or missing.</summary>
public sealed record ContentItem(string Item, object? Value, bool Missing);

/// <summary>A step of the escalation path with its absolute due instant.</summary>
public sealed record EscalationStep(int Step, string Role, string Channel, string AckWithin, Instant? DueAt, string? EscalateTo, string? Reason, string Policy);

/// <summary>A containment or forensic action in execution order.</summary>
public sealed record ActionStep(string Id, int Order, IReadOnlyList<string> After, IReadOnlyDictionary<string, string> Params, string? Title, string Policy);

/// <summary>One rule evaluated during a decision, matched or not, and why (with <c>--explain</c>).</summary>
public sealed record TraceEntry(string Stage, string Policy, string Rule, string Result, string? Detail);
