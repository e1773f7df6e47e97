using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Facts;

namespace Verdict.Pipeline;

/// <summary>
/// The decide step of load → validate → compile → decide → render: stages run in their declared order over one
/// <see cref="DecisionContext"/>, each reading only what earlier stages wrote (checked when the pipeline is built),
/// and the context becomes the immutable <see cref="Decision"/>. Stateless between decisions; safe on many threads.
/// </summary>
public sealed class DecisionPipeline
{
    private readonly IDecisionStage[] _stages;
    private readonly BundleInfo _bundle;
    private readonly Jurisdictions _places;

    /// <summary>A pipeline over <paramref name="stages"/>, in the order given.</summary>
    /// <exception cref="ArgumentException">A stage reads a stage that does not run before it.</exception>
    public DecisionPipeline(BundleInfo bundle, Jurisdictions places, IReadOnlyList<IDecisionStage> stages)
    {
        var before = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            foreach (var read in stage.Reads)
                if (!before.Contains(read))
                    throw new ArgumentException($"stage `{stage.Name}` reads `{read}`, which does not run before it", nameof(stages));
            if (!before.Add(stage.Name)) throw new ArgumentException($"stage `{stage.Name}` is listed twice", nameof(stages));
        }
        _stages = stages.ToArray();
        _bundle = bundle;
        _places = places;
    }

    /// <summary>The stage names, in the order they run.</summary>
    public IReadOnlyList<string> Order => _stages.Select(s => s.Name).ToArray();

    /// <summary>Decides one incident.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancel"/> was cancelled between two stages.</exception>
    public Decision Run(IncidentFacts facts, bool explain, CancellationToken cancel = default)
    {
        var ctx = new DecisionContext(facts, new FactScope(facts, _places), explain ? [] : null);
        foreach (var stage in _stages)
        {
            cancel.ThrowIfCancellationRequested();
            // Stages report their own failing policies; this catches a located error a stage did not expect, so it
            // still fails one stage rather than the whole decision.
            try { stage.Run(ctx); }
            catch (VerdictException e) { ctx.Fail(stage.Name, "", null, e); }
        }
        var digest = _bundle.Digest;
        return new Decision(() => DecisionIds.For(digest, facts), facts.Id, _bundle,
            ctx.Severity ?? NoSeverity, ctx.PurposeViolations, ctx.Obligations, ctx.Escalation, ctx.Actions, ctx.Trace)
        {
            Failures = ctx.Failures,
            Risk = ctx.Risk ?? RiskResult.None,
        };
    }

    private static readonly SeverityResult NoSeverity =
        new(SeverityLevels.Indeterminate, "", [], [], ["the bundle has no severity stage"], []);
}
