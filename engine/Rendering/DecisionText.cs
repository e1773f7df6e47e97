using System.Text;
using Verdict.Decisions;

namespace Verdict.Rendering;

/// <summary>The decision as a person reads it in a terminal: what is owed next first.</summary>
public static class DecisionText
{
    /// <summary>Renders plain text.</summary>
    public static string Write(Decision d, ClockView? clock = null)
    {
        var s = new StringBuilder();
        s.Append($"incident {d.IncidentId}  ·  bundle {d.Bundle.Name} {d.Bundle.Version}\n");
        s.Append($"severity: {d.Severity.Level.ToUpperInvariant()}  ({d.Severity.Policy}");
        if (d.Severity.Rows.Count > 0) s.Append($", rows {string.Join(", ", d.Severity.Rows)}");
        s.Append(")\n");
        foreach (var r in d.Severity.Reasons) s.Append($"  - {r}\n");
        if (d.Severity.MissingFacts.Count > 0) s.Append($"  missing facts: {string.Join(", ", d.Severity.MissingFacts)}\n");
        s.Append($"risk to people: {d.Risk.Level.ToUpperInvariant()}");
        if (d.Risk.Policy.Length > 0) s.Append($"  (derived {d.Risk.Derived} by {d.Risk.Policy}{(d.Risk.Controller is { } c ? $"; controller assessed {c}" : "")})");
        s.Append(d.Risk.Disagreement ? "  DISAGREEMENT\n" : "\n");
        foreach (var r in d.Risk.Reasons) s.Append($"  - {r}\n");
        if (d.Risk.MissingFacts.Count > 0) s.Append($"  missing facts: {string.Join(", ", d.Risk.MissingFacts)}\n");

        if (d.PurposeViolations.Count > 0)
        {
            s.Append($"\npurpose violations ({d.PurposeViolations.Count}):\n");
            foreach (var v in d.PurposeViolations)
                s.Append($"  - {v.Actor} under `{v.Purpose}` on {v.Object}{(v.Fields.Count > 0 ? " [" + string.Join(", ", v.Fields) + "]" : "")}: {v.Reason} ({v.Rule})\n");
        }

        s.Append($"\nobligations ({d.Obligations.Count(o => o.Status == "required")} required, {d.Obligations.Count(o => o.Status == "indeterminate")} indeterminate, {d.Obligations.Count(o => o.Status == "exempt")} exempt{Failed(d)}):\n");
        if (clock is not null)
        {
            var next = d.Obligations.Where(o => o.Status == "required" && o.DueAt is { } due && due >= clock.AsOf).OrderBy(o => o.DueAt).FirstOrDefault();
            s.Append($"  as of {FactsJson.Format(clock.AsOf)}");
            s.Append(next is null ? ": nothing with a fixed deadline falls due next\n" : $": next due is {next.Id} ({next.Stage}) to {next.Recipient} in {clock.Remaining(next.DueAt)}\n");
        }
        foreach (var o in d.Obligations)
        {
            var due = o.DueAt is { } at ? FactsJson.Format(at) : "without undue delay";
            var undecided = o.DueAt is null && d.Uncertainty?.For(UncertaintyReport.ObligationKey(o.Id, o.Stage)) is { } open
                ? $"  {Pad("", 13)} {UncertaintyText.Due(d, o)}; possible: {string.Join(", ", open.Possible)}\n" : "";
            s.Append($"  {Pad(o.Status, 13)} {Pad(due, 20)} {o.Id} [{o.Stage}] → {o.Recipient} ({o.Jurisdiction})");
            if (clock is not null) s.Append($"  {clock.Remaining(o.DueAt)}");
            s.Append('\n');
            if (o.LegalDueAt is { } legal) s.Append($"  {Pad("", 13)} legal due {FactsJson.Format(legal)}\n");
            s.Append($"  {Pad("", 13)} {o.Deadline}; {o.Citation}\n");
            if (o.Exemption is not null) s.Append($"  {Pad("", 13)} exempt: {o.Exemption}\n");
            if (o.MissingFacts.Count > 0) s.Append($"  {Pad("", 13)} missing: {string.Join(", ", o.MissingFacts)}\n");
            s.Append(undecided);
        }
        s.Append(UncertaintyText.FindOutNext(d));

        if (d.Escalation.Count > 0)
        {
            s.Append("\nescalation:\n");
            foreach (var e in d.Escalation)
                s.Append($"  {e.Step}. {e.Role} via {e.Channel}, ack within {e.AckWithin}{(e.DueAt is { } at ? ", due " + FactsJson.Format(at) : "")}{(e.EscalateTo is { } to ? $", then {to}" : "")}{(e.Reason is { } why ? $" — {why}" : "")}\n");
        }
        if (d.Actions.Count > 0)
        {
            s.Append("\nactions (in order):\n");
            foreach (var a in d.Actions)
                s.Append($"  {a.Order}. {a.Id}{(a.Params.Count > 0 ? " " + string.Join(" ", a.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) : "")}{(a.After.Count > 0 ? $" (after {string.Join(", ", a.After)})" : "")}\n");
        }
        if (d.Failures.Count > 0)
        {
            s.Append($"\nfailed policies ({d.Failures.Count}): the items above marked failed were not decided\n");
            foreach (var f in d.Failures)
                s.Append($"  {f.Stage}: {f.Policy}{(f.Item is null ? "" : " " + f.Item)}: {f.ToString().Replace("\n", "\n    ")}\n");
        }
        if (d.Trace is { } trace)
        {
            s.Append("\ntrace:\n");
            foreach (var t in trace) s.Append($"  [{t.Stage}] {t.Policy} {t.Rule}: {t.Result}{(t.Detail is null ? "" : " — " + t.Detail)}\n");
        }
        return s.ToString();
    }

    private static string Failed(Decision d)
    {
        var n = d.Obligations.Count(o => o.Status == Outcome.Failed);
        return n == 0 ? "" : $", {n} failed";
    }

    private static string Pad(string s, int n) => s.Length >= n ? s : s + new string(' ', n - s.Length);
}
