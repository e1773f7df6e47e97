using System.Globalization;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Pipeline;

namespace Verdict.Compilation;

/// <summary>Decides the severity with the matrix in force; a matrix that fails gives <c>failed</c>.</summary>
internal sealed class SeverityStage(Versioned<CompiledSeverity>? matrices) : IDecisionStage
{
    public string Name => StageNames.Severity;
    public IReadOnlyList<string> Reads => [StageNames.Purpose, StageNames.Risk];

    public void Run(DecisionContext ctx)
    {
        if (matrices?.At(ctx.AwareAt) is not { } matrix)
        {
            var date = ctx.AwareAt.InUtc().Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
            ctx.Severity = new SeverityResult(SeverityLevels.Indeterminate, "", [], [], [$"no severity matrix is in force on {date}"], []);
            return;
        }
        try { ctx.Severity = matrix.Evaluate(ctx.Scope, ctx.Trace); }
        catch (VerdictException e)
        {
            ctx.Fail(Name, matrix.Ref, null, e);
            ctx.Severity = new SeverityResult(SeverityLevels.Failed, matrix.Ref, [], [], e.Diagnostics.Select(d => d.Message).ToArray(), []);
        }
    }
}
