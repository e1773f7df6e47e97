using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Pipeline;

namespace Verdict.Compilation;

/// <summary>Checks the incident's accesses against the purpose bindings in force; severity may read the count.</summary>
internal sealed class PurposeStage(CompiledPurposes bindings) : IDecisionStage
{
    private static readonly UInt128 AccessBits = FactPaths.Bit("access");

    public string Name => StageNames.Purpose;
    public IReadOnlyList<string> Reads => [];

    public void Run(DecisionContext ctx)
    {
        // Without access facts or bindings, purpose.violations stays unknown to later conditions.
        if ((ctx.Facts.Presence & AccessBits) == UInt128.Zero || bindings.IsEmpty) return;
        var found = new List<PurposeViolation>();
        bindings.Check(ctx.Facts, ctx.AwareAt, found, ctx.Trace);
        ctx.Scope.SetPurposeViolations(found.Count);
        ctx.PurposeViolations = found;
    }
}
