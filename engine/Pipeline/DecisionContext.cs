using NodaTime;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Facts;

namespace Verdict.Pipeline;

/// <summary>
/// The working state of one decision while its stages run: the facts and the scope expressions read, the results
/// each stage has produced so far, the trace and the failures. Stages read what earlier stages wrote and write their
/// own part; <see cref="DecisionPipeline"/> turns it into the immutable <see cref="Decision"/>.
/// </summary>
public sealed class DecisionContext
{
    private List<DecisionFailure>? _failures;

    internal DecisionContext(IncidentFacts facts, FactScope scope, List<TraceEntry>? trace)
    {
        Facts = facts;
        Scope = scope;
        Trace = trace;
    }

    /// <summary>The incident.</summary>
    public IncidentFacts Facts { get; }

    /// <summary>What conditions see: the facts, the helpers, and the results of the stages run so far.</summary>
    public FactScope Scope { get; }

    /// <summary>The awareness instant every kind reads its effective period against.</summary>
    public Instant AwareAt => Facts.Timeline.AwareAt;

    /// <summary>Every rule evaluated, with <c>--explain</c>; null otherwise.</summary>
    public List<TraceEntry>? Trace { get; }

    /// <summary>The risk stage's result: the risk to people's rights and freedoms.</summary>
    public RiskResult? Risk { get; set; }

    /// <summary>The severity stage's result.</summary>
    public SeverityResult? Severity { get; set; }

    /// <summary>The purpose stage's result.</summary>
    public IReadOnlyList<PurposeViolation> PurposeViolations { get; set; } = [];

    /// <summary>The obligations stage's result, in decision order.</summary>
    public IReadOnlyList<ObligationResult> Obligations { get; set; } = [];

    /// <summary>The escalation stage's result.</summary>
    public IReadOnlyList<EscalationStep> Escalation { get; set; } = [];

    /// <summary>The actions stage's result.</summary>
    public IReadOnlyList<ActionStep> Actions { get; set; } = [];

    /// <summary>The failures so far, in the order they happened.</summary>
    public IReadOnlyList<DecisionFailure> Failures => (IReadOnlyList<DecisionFailure>?)_failures ?? [];

    /// <summary>True when some policy failed in <paramref name="stage"/>.</summary>
    public bool FailedIn(string stage)
    {
        if (_failures is null) return false;
        foreach (var f in _failures)
            if (f.Stage == stage) return true;
        return false;
    }

    /// <summary>
    /// Records that <paramref name="policy"/> failed in <paramref name="stage"/> (on <paramref name="item"/>, or as a
    /// whole), one failure per diagnostic, and traces it.
    /// </summary>
    public void Fail(string stage, string policy, string? item, VerdictException error)
    {
        _failures ??= [];
        foreach (var d in error.Diagnostics)
            _failures.Add(new DecisionFailure(stage, policy, item, d.Code, d.Message, d.Location?.File, d.Location?.Line, d.Location?.Column, d.Help));
        Trace?.Add(new TraceEntry(stage, policy, item ?? policy, Outcome.Failed, error.Diagnostics.Count > 0 ? error.Diagnostics[0].Message : null));
    }
}
