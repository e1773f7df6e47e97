using System.Text;
using Verdict.Decisions;

namespace Verdict.Rendering;

/// <summary>The plain-text and Markdown wording of a decision's uncertainty: the next questions and undecided deadlines.</summary>
public static class UncertaintyText
{
    /// <summary>"Find out next: …" lines, each fact with the items it settles and the earliest deadline at stake; empty without questions.</summary>
    public static string FindOutNext(Decision d, string indent = "  ")
    {
        if (d.Uncertainty is not { Questions.Count: > 0 } u) return "";
        var s = new StringBuilder("\nFind out next:\n");
        foreach (var q in u.Questions)
        {
            s.Append($"{indent}- {q.Fact}");
            s.Append(q.EarliestDeadline is { } at ? $" (deadline at stake {FactsJson.Format(at)})" : " (no fixed deadline at stake)");
            if (q.Settles.Count > 0) s.Append($": settles {string.Join(", ", q.Settles.Select(Name))}");
            var open = q.Affects.Except(q.Settles).ToList();
            if (open.Count > 0) s.Append($"{(q.Settles.Count > 0 ? "; narrows " : ": narrows ")}{string.Join(", ", open.Select(Name))}");
            s.Append('\n');
        }
        var plan = u.ProvisionalEscalation.Select(e => $"step {e.Step} {e.Role} via {e.Channel}").Concat(u.ProvisionalActions.Select(a => $"action {a.Id}")).ToList();
        if (plan.Count > 0) s.Append($"{indent}provisional (start now; some completions of the missing facts need it): {string.Join(", ", plan)}\n");
        if (u.Truncated) s.Append($"{indent}(only the first {u.Completions} completions were decided; the provisional plan assumes the worst)\n");
        return s.ToString();
    }

    /// <summary>
    /// The due text of an obligation stage: its instant, or for an undecided duty what it waits for and the
    /// deadline it would have, instead of "without undue delay".
    /// </summary>
    public static string Due(Decision d, ObligationResult o)
    {
        if (o.DueAt is { } at) return FactsJson.Format(at);
        if (o.Status != Outcome.Indeterminate) return "without undue delay";
        var item = d.Uncertainty?.For(UncertaintyReport.ObligationKey(o.Id, o.Stage));
        var facts = o.MissingFacts.Count > 0 ? string.Join(", ", o.MissingFacts) : "facts not yet given";
        var text = $"undecided until {facts} is known";
        if (item?.EarliestDueAt is { } e)
            text += item.LatestDueAt is { } l && l != e ? $"; if owed, due between {FactsJson.Format(e)} and {FactsJson.Format(l)}" : $"; if owed, due {FactsJson.Format(e)}";
        return text;
    }

    /// <summary>An item key in words: <c>obligation:gdpr-art33/initial</c> → <c>gdpr-art33 (initial)</c>.</summary>
    public static string Name(string key)
    {
        if (key.StartsWith("obligation:", StringComparison.Ordinal))
        {
            var rest = key["obligation:".Length..];
            var slash = rest.LastIndexOf('/');
            return slash > 0 ? $"{rest[..slash]} ({rest[(slash + 1)..]})" : rest;
        }
        if (key.StartsWith("escalation:", StringComparison.Ordinal)) return "escalation step " + key[(key.LastIndexOf('#') + 1)..].Replace(':', ' ');
        if (key.StartsWith("action:", StringComparison.Ordinal)) return "action " + key[(key.LastIndexOf('#') + 1)..];
        return key;
    }
}
