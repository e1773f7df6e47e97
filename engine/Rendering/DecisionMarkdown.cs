using System.Text;
using System.Text.Json;
using Verdict.Decisions;
using Verdict.Syntax;

namespace Verdict.Rendering;

/// <summary>The decision as Markdown for an incident record, and pre-filled notification drafts for regulators.</summary>
public static class DecisionMarkdown
{
    /// <summary>The whole decision; with <paramref name="report"/>, only the draft notice for that obligation id.</summary>
    public static string Write(Decision d, string? report = null, ClockView? clock = null)
    {
        if (report is not null) return Draft(d, report);
        var s = new StringBuilder();
        s.Append($"# Incident {d.IncidentId}\n\n");
        s.Append($"Decided by bundle `{d.Bundle.Name}` {d.Bundle.Version} (`{d.Bundle.Digest}`), decision `{d.DecisionId}`.\n\n");
        s.Append($"## Severity: {d.Severity.Level}\n\n");
        foreach (var r in d.Severity.Reasons) s.Append($"- {r}\n");
        if (d.Severity.MissingFacts.Count > 0) s.Append($"- missing facts: {string.Join(", ", d.Severity.MissingFacts.Select(m => $"`{m}`"))}\n");
        s.Append($"\n## Risk to people: {d.Risk.Level}\n\n");
        if (d.Risk.Policy.Length > 0) s.Append($"Derived `{d.Risk.Derived}` by `{d.Risk.Policy}`; controller's assessment: {(d.Risk.Controller is { } c ? $"`{c}`" : "none")}.\n\n");
        if (d.Risk.Disagreement) s.Append($"**The controller's assessment `{d.Risk.Controller}` disagrees with the derived risk `{d.Risk.Derived}`.**\n\n");
        foreach (var r in d.Risk.Reasons) s.Append($"- {r}\n");
        if (d.Risk.MissingFacts.Count > 0) s.Append($"- missing facts: {string.Join(", ", d.Risk.MissingFacts.Select(m => $"`{m}`"))}\n");
        if (d.PurposeViolations.Count > 0)
        {
            s.Append("\n## Purpose violations\n\n| actor | purpose | object | fields | rule | reason |\n|---|---|---|---|---|---|\n");
            foreach (var v in d.PurposeViolations)
                s.Append($"| {v.Actor} | {v.Purpose} | {v.Object} | {string.Join(", ", v.Fields)} | {v.Rule} | {v.Reason} |\n");
        }
        s.Append("\n## Notifications\n\n");
        if (clock is not null) s.Append($"As of {FactsJson.Format(clock.AsOf)}.\n\n");
        s.Append("| status | due (UTC) | obligation | stage | recipient | jurisdiction | citation |" + (clock is not null ? " remaining |" : "") + "\n");
        s.Append("|---|---|---|---|---|---|---|" + (clock is not null ? "---|" : "") + "\n");
        foreach (var o in d.Obligations)
        {
            var due = UncertaintyText.Due(d, o);
            if (o.LegalDueAt is { } legal) due += $" (legal {FactsJson.Format(legal)})";
            var status = o.Status + (o.Exemption is not null ? $": {o.Exemption}" : o.MissingFacts.Count > 0 ? $": needs {string.Join(", ", o.MissingFacts)}" : "");
            s.Append($"| {status} | {due} | `{o.Id}` | {o.Stage} | {o.Recipient} | {o.Jurisdiction} | {o.Citation} |" + (clock is not null ? $" {clock.Remaining(o.DueAt)} |" : "") + "\n");
        }
        s.Append(UncertaintyText.FindOutNext(d, ""));
        if (d.Escalation.Count > 0)
        {
            s.Append("\n## Escalation\n\n| step | role | channel | ack within | due (UTC) |\n|---|---|---|---|---|\n");
            foreach (var e in d.Escalation)
                s.Append($"| {e.Step} | {e.Role} | {e.Channel} | {e.AckWithin} | {(e.DueAt is { } at ? FactsJson.Format(at) : "")} |\n");
        }
        if (d.Failures.Count > 0)
        {
            s.Append("\n## Failed policies\n\nThese items were not decided; every other item above was.\n\n| stage | policy | item | code | message | place |\n|---|---|---|---|---|---|\n");
            foreach (var f in d.Failures)
                s.Append($"| {f.Stage} | `{f.Policy}` | {(f.Item is null ? "" : $"`{f.Item}`")} | {f.Code} | {f.Message.Replace("|", "\\|")} | {(f.File is null ? "" : $"{f.File}:{f.Line}:{f.Column}")} |\n");
        }
        if (d.Actions.Count > 0)
        {
            s.Append("\n## Actions\n\n");
            foreach (var a in d.Actions)
                s.Append($"{a.Order}. `{a.Id}`{(a.Title is null ? "" : " — " + a.Title)}{(a.Params.Count > 0 ? " (" + string.Join(", ", a.Params.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: `{p.Value}`")) + ")" : "")}\n");
        }
        return s.ToString();
    }

    private static string Draft(Decision d, string id)
    {
        var stages = d.Obligations.Where(o => o.Id == id).ToList();
        if (stages.Count == 0)
            return $"No obligation `{id}` in this decision. Obligations: {string.Join(", ", d.Obligations.Select(o => o.Id).Distinct())}\n";
        var o = stages[0];
        var s = new StringBuilder();
        s.Append($"# Draft notification: {o.Id}\n\n");
        s.Append($"- **To:** {o.Recipient} ({o.Jurisdiction})\n- **Regime:** {o.Regime}\n- **Legal basis:** {o.Citation}\n");
        s.Append($"- **Incident:** {d.IncidentId}\n- **Status:** {o.Status}{(o.Exemption is not null ? " — " + o.Exemption : "")}\n");
        foreach (var st in stages)
            s.Append($"- **{st.Stage} due:** {UncertaintyText.Due(d, st)}{(st.LegalDueAt is { } l ? $" (legal {FactsJson.Format(l)})" : "")} — {st.Deadline}\n");
        s.Append("\n## Required content\n\n");
        foreach (var c in o.Content)
            s.Append(c.Missing ? $"- **{c.Item}:** ⚠ MISSING — fill in before sending\n" : $"- **{c.Item}:** {Show(c.Value)}\n");
        if (o.Content.Count == 0) s.Append("- (the policy lists no content items)\n");
        s.Append($"\n_Drafted by Verdict from decision `{d.DecisionId}` under policy `{o.Policy}`. Review before submission._\n");
        return s.ToString();
    }

    internal static string Show(object? v)
    {
        // A regulator reads the draft: lists and counts per place as prose, not JSON.
        if (v is string str) return str;
        if (v is IReadOnlyDictionary<string, long> map) return string.Join(", ", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}"));
        if (v is IEnumerable<string> items) return string.Join(", ", items);
        if (v is NodaTime.Instant at) return FactsJson.Format(at);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CanonicalJson.Encoder })) DecisionJson.Value(w, v);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
