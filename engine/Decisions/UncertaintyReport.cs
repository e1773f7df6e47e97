using NodaTime;

namespace Verdict.Decisions;

/// <summary>
/// What an indeterminate decision could still become (docs/decision.md, "Decisions under uncertainty"): every
/// completion of the missing incident facts re-decided by the same bundle, per item the outcomes seen, which fact
/// values decide it, the precautionary outcome to act on meanwhile, and the questions to answer first.
/// </summary>
public sealed record UncertaintyReport(
    IReadOnlyList<string> Facts,
    int Completions,
    bool Truncated,
    IReadOnlyList<ItemUncertainty> Items,
    IReadOnlyList<Question> Questions,
    IReadOnlyList<EscalationStep> ProvisionalEscalation,
    IReadOnlyList<ActionStep> ProvisionalActions)
{
    /// <summary>The item with this key (<see cref="ItemUncertainty.Key"/>), or null.</summary>
    public ItemUncertainty? For(string key)
    {
        foreach (var i in Items) if (i.Key == key) return i;
        return null;
    }

    /// <summary>Key of the severity item.</summary>
    public const string SeverityKey = "severity";
    /// <summary>Key of the risk item.</summary>
    public const string RiskKey = "risk";
    /// <summary>Key of an obligation stage.</summary>
    public static string ObligationKey(string id, string stage) => $"obligation:{id}/{stage}";
    /// <summary>Key of an escalation step.</summary>
    public static string EscalationKey(EscalationStep s) => $"escalation:{s.Policy}#{s.Step}:{s.Role}";
    /// <summary>Key of an action.</summary>
    public static string ActionKey(ActionStep a) => $"action:{a.Policy}#{a.Id}";
}

/// <summary>
/// One item whose outcome the missing facts leave open: severity level, risk level, obligation status, or an
/// escalation step's or action's <c>present</c>/<c>absent</c>. <see cref="Provisional"/> is what to act on meanwhile;
/// the item's own status stays indeterminate.
/// </summary>
public sealed record ItemUncertainty(
    string Key,
    IReadOnlyList<string> Possible,
    IReadOnlyList<Resolution> ResolvedBy,
    string Provisional,
    Instant? ProvisionalDueAt,
    Instant? EarliestDueAt,
    Instant? LatestDueAt);

/// <summary>
/// Fixing <see cref="Fact"/> to any of <see cref="Values"/> (the other missing facts still open) leaves exactly
/// <see cref="Outcomes"/>; exact (a single outcome) when <see cref="Outcomes"/> has one entry.
/// </summary>
public sealed record Resolution(string Fact, IReadOnlyList<string> Values, IReadOnlyList<string> Outcomes)
{
    /// <summary>True when every value in the set gives the one outcome over all completions of the other facts.</summary>
    public bool Exact => Outcomes.Count == 1;
}

/// <summary>A missing fact worth finding out: the items it bears on, those it settles alone, the earliest deadline at stake.</summary>
public sealed record Question(string Fact, IReadOnlyList<string> Settles, IReadOnlyList<string> Affects, Instant? EarliestDeadline);
