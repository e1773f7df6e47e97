using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Pipeline;

namespace Verdict.Compilation;

/// <summary>
/// Derives the risk to people with the RiskAssessment policy in force (the controller's own assessment overrides);
/// a policy that fails gives an indeterminate risk and a failure, and severity and obligations read it as unknown.
/// </summary>
internal sealed class RiskAssessmentStage(Versioned<CompiledRiskAssessment>? policies) : IDecisionStage
{
    public string Name => StageNames.Risk;
    public IReadOnlyList<string> Reads => [StageNames.Purpose];

    public void Run(DecisionContext ctx)
    {
        try { ctx.Risk = RiskStage.Decide(policies, ctx.Scope, ctx.Facts, ctx.Trace); }
        catch (VerdictException e)
        {
            var policy = policies?.At(ctx.AwareAt)?.Ref ?? "";
            ctx.Fail(Name, policy, null, e);
            ctx.Risk = RiskResult.None;
        }
    }
}
