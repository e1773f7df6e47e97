using Verdict.Decisions;
using Verdict.Pipeline;

namespace Verdict.Compilation;

/// <summary>
/// Evaluates the notification policies that can apply and orders their obligations: by due instant (none last), then
/// id, then stage. Escalation and actions see them through <c>owes(..)</c>, unknown when a policy failed.
/// </summary>
internal sealed class ObligationsStage(NotificationIndex index) : IDecisionStage
{
    // Obligations are gathered in a per-thread scratch list and copied out at their exact count, so a decision
    // allocates one array rather than a list and its regrown buffers.
    [ThreadStatic] private static List<ObligationResult>? t_obligations;

    public string Name => StageNames.Obligations;
    public IReadOnlyList<string> Reads => [StageNames.Severity];

    public void Run(DecisionContext ctx)
    {
        var scratch = t_obligations ??= new List<ObligationResult>();
        scratch.Clear();
        index.Evaluate(ctx.Scope, ctx.Facts, ctx.AwareAt, scratch, ctx.Trace, ctx);
        scratch.Sort(ObligationOrder);
        ObligationResult[] obligations = scratch.Count == 0 ? [] : scratch.ToArray();
        scratch.Clear();
        ctx.Obligations = obligations;
        ctx.Scope.SetObligations(obligations, complete: !ctx.FailedIn(Name));
    }

    private static int ObligationOrder(ObligationResult a, ObligationResult b)
    {
        if (a.DueAt is null != b.DueAt is null) return a.DueAt is null ? 1 : -1;
        if (a.DueAt is { } x && b.DueAt is { } y && x != y) return x.CompareTo(y);
        var c = string.CompareOrdinal(a.Id, b.Id);
        if (c != 0) return c;
        return StageRank(a.Stage).CompareTo(StageRank(b.Stage));
    }

    // The order of Vocabulary.Stages; unknown stages first, as Array.IndexOf gave.
    private static int StageRank(string stage) => stage switch
    {
        "single" => 0,
        "early-warning" => 1,
        "initial" => 2,
        "intermediate" => 3,
        "notification" => 4,
        "final" => 5,
        _ => -1,
    };
}
