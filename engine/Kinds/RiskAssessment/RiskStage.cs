using Verdict.Decisions;
using Verdict.Expressions;
using Verdict.Facts;
using Verdict.Model;

namespace Verdict.Compilation;

/// <summary>
/// The risk stage of a decision: derives the risk with the RiskAssessment policy in force, sets the level obligations
/// read (the controller's own <c>assessment.riskToRights</c> overrides, as its documented judgement under Art. 33(5))
/// and records where the two disagree.
/// </summary>
internal static class RiskStage
{
    public static RiskResult Decide(Versioned<CompiledRiskAssessment>? policies, FactScope scope, IncidentFacts facts, List<TraceEntry>? trace)
    {
        string? controller = facts.Has("assessment.riskToRights") ? facts.Assessment.RiskToRights : null;
        var controllerRank = RiskLevels.RiskRank(controller);
        var policy = policies?.At(facts.Timeline.AwareAt);
        if (policy is null)
        {
            if (controllerRank < 0) return RiskResult.None;
            scope.SetRisk(1 << controllerRank);
            return new RiskResult(controller!, null, controller, false, "", [], [],
                ["the controller's own assessment (assessment.riskToRights); no risk assessment policy is in force"], []);
        }
        var (possible, factors, adjusted, reasons, missing) = policy.Evaluate(scope, trace);
        var derived = CompiledRiskAssessment.Words(possible, RiskLevels.Risk);
        var determinate = (possible & (possible - 1)) == 0;
        if (!determinate)
            reasons.Add($"the derived risk depends on facts the incident does not give: {string.Join(", ", missing)}");
        IReadOnlyList<string> missingFacts = determinate ? [] : missing.ToList();
        if (controllerRank >= 0)
        {
            scope.SetRisk(1 << controllerRank);
            var disagree = determinate && derived != controller;
            if (disagree) reasons.Add($"the controller assessed `{controller}` where the policy derives `{derived}`");
            return new RiskResult(controller!, determinate ? derived : "indeterminate", controller, disagree, policy.Ref, factors, adjusted, reasons, []);
        }
        scope.SetRisk(possible);
        return new RiskResult(determinate ? derived : "indeterminate", determinate ? derived : "indeterminate", null, false, policy.Ref,
            factors, adjusted, reasons, missingFacts);
    }
}
