using Verdict.Pipeline;

namespace Verdict.Compilation;

/// <summary>Plans the containment and forensic actions of the plans in force, in topological order.</summary>
internal sealed class ActionsStage(CompiledActions plans) : IDecisionStage
{
    public string Name => StageNames.Actions;
    public IReadOnlyList<string> Reads => [StageNames.Severity, StageNames.Obligations];

    public void Run(DecisionContext ctx) => ctx.Actions = plans.Plan(ctx.Scope, ctx.AwareAt, ctx.Trace, ctx);
}
