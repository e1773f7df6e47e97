using System.Text.Json;
using Verdict.Decisions;

namespace Verdict.Rendering;

/// <summary>Writes the uncertainty fields of a decision (docs/decision.md): fixed key order, lists already sorted.</summary>
public static class UncertaintyJson
{
    /// <summary>Writes <c>possible</c>, <c>resolvedBy</c>, <c>provisional</c> (and <c>dueRange</c>) of an open item.</summary>
    public static void Item(Utf8JsonWriter w, ItemUncertainty? item, string provisionalName, bool obligation = false)
    {
        if (item is null) return;
        Possible(w, item);
        w.WriteStartObject("provisional");
        w.WriteString(provisionalName, item.Provisional);
        if (obligation)
        {
            if (item.ProvisionalDueAt is { } due) w.WriteString("dueAt", FactsJson.Format(due)); else w.WriteNull("dueAt");
        }
        w.WriteEndObject();
        if (obligation)
        {
            w.WriteStartObject("dueRange");
            if (item.EarliestDueAt is { } e) w.WriteString("earliest", FactsJson.Format(e)); else w.WriteNull("earliest");
            if (item.LatestDueAt is { } l) w.WriteString("latest", FactsJson.Format(l)); else w.WriteNull("latest");
            w.WriteEndObject();
        }
    }

    /// <summary>Writes an escalation step's or action's <c>possible</c> and <c>resolvedBy</c> with <c>provisional: true</c>.</summary>
    public static void PlanItem(Utf8JsonWriter w, ItemUncertainty? item)
    {
        if (item is null) return;
        Possible(w, item);
        w.WriteBoolean("provisional", true);
    }

    private static void Possible(Utf8JsonWriter w, ItemUncertainty item)
    {
        DecisionJson.Strings(w, "possible", item.Possible);
        w.WriteStartArray("resolvedBy");
        foreach (var r in item.ResolvedBy)
        {
            w.WriteStartObject();
            w.WriteString("fact", r.Fact);
            DecisionJson.Strings(w, "values", r.Values);
            DecisionJson.Strings(w, "outcomes", r.Outcomes);
            w.WriteBoolean("exact", r.Exact);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Writes the top-level <c>uncertainty</c> summary and <c>questions</c>.</summary>
    public static void Summary(Utf8JsonWriter w, UncertaintyReport r)
    {
        w.WriteStartObject("uncertainty");
        DecisionJson.Strings(w, "facts", r.Facts);
        w.WriteNumber("completions", r.Completions);
        w.WriteBoolean("truncated", r.Truncated);
        w.WriteEndObject();
        w.WriteStartArray("questions");
        foreach (var q in r.Questions)
        {
            w.WriteStartObject();
            w.WriteString("fact", q.Fact);
            DecisionJson.Strings(w, "settles", q.Settles);
            DecisionJson.Strings(w, "affects", q.Affects);
            if (q.EarliestDeadline is { } d) w.WriteString("earliestDeadline", FactsJson.Format(d)); else w.WriteNull("earliestDeadline");
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
