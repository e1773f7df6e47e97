using Verdict.Pipeline;

namespace Verdict.Compilation;

/// <summary>Selects the escalation steps of every path in force; steps may anchor on the obligations' deadlines.</summary>
internal sealed class EscalationStage(Versioned<CompiledEscalation>[] paths) : IDecisionStage
{
    public string Name => StageNames.Escalation;
    public IReadOnlyList<string> Reads => [StageNames.Severity, StageNames.Obligations];

    public void Run(DecisionContext ctx) =>
        ctx.Escalation = CompiledEscalation.Plan(paths, ctx.Scope, ctx.Facts, ctx.Obligations, ctx.AwareAt, ctx.Trace, ctx);
}
