using Verdict.Decisions;

namespace Verdict.Bench.W1;

/// <summary>
/// Projects a Verdict decision onto W1's canonical line: the incident id, the severity level, and every owed
/// obligation as (regime, recipient, dueAt). In the W1 bundle each W1 rule is one NotificationObligation policy whose
/// regime is W1's regime name, so the projection reads the decision's regime and recipient as they are.
/// </summary>
public static class W1Projection
{
    /// <summary>The W1 decision for a Verdict decision.</summary>
    public static W1Decision Project(Decision d)
    {
        var list = d.Obligations;
        var n = 0;
        for (var i = 0; i < list.Count; i++)
            if (list[i].Status != "exempt") n++;
        var owed = n == 0 ? [] : new W1Obligation[n];
        n = 0;
        for (var i = 0; i < list.Count; i++)
        {
            var o = list[i];
            if (o.Status == "exempt") continue;
            owed[n++] = new W1Obligation(o.Regime, o.Recipient, o.DueAt?.ToDateTimeUtc());
        }
        if (owed.Length > 1) Array.Sort(owed, W1Decision.Order);
        return new W1Decision(d.IncidentId, d.Severity.Level, owed);
    }
}
