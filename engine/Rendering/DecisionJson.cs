using System.Globalization;
using System.Text;
using System.Text.Json;
using NodaTime;
using Verdict.Decisions;
using Verdict.Syntax;

namespace Verdict.Rendering;

/// <summary>
/// Writes a decision as the JSON contract of docs/design.md: fixed key order, explicit nulls, UTC instants with seconds,
/// two-space indentation and a final newline. Byte-identical for the same decision on any machine.
/// </summary>
public static class DecisionJson
{
    /// <summary>The JSON text.</summary>
    public static string Write(Decision d, ClockView? clock = null, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = CanonicalJson.Encoder, NewLine = "\n" }))
            Write(w, d, clock);
        return Encoding.UTF8.GetString(buffer.ToArray()) + (indented ? "\n" : "");
    }

    /// <summary>Writes to a writer.</summary>
    public static void Write(Utf8JsonWriter w, Decision d, ClockView? clock = null)
    {
        w.WriteStartObject();
        w.WriteString("decisionId", d.DecisionId);
        w.WriteString("incidentId", d.IncidentId);
        Bundle(w, d.Bundle);
        if (clock is not null) w.WriteString("asOf", FactsJson.Format(clock.AsOf));

        var s = d.Severity;
        w.WriteStartObject("severity");
        w.WriteString("level", s.Level);
        w.WriteString("policy", s.Policy);
        Strings(w, "rows", s.Rows);
        Strings(w, "modifiers", s.Modifiers);
        Strings(w, "reasons", s.Reasons);
        Strings(w, "missingFacts", s.MissingFacts);
        if (s.MissingFacts.Count > 0) Unknowns(w, s.Unknowns);
        var u = d.Uncertainty;
        UncertaintyJson.Item(w, u?.For(UncertaintyReport.SeverityKey), "level");
        w.WriteEndObject();

        Risk(w, d.Risk, u);

        Violations(w, "purposeViolations", d.PurposeViolations);

        w.WriteStartArray("obligations");
        foreach (var o in d.Obligations)
        {
            w.WriteStartObject();
            w.WriteString("id", o.Id);
            w.WriteString("regime", o.Regime);
            w.WriteString("jurisdiction", o.Jurisdiction);
            w.WriteString("recipient", o.Recipient);
            w.WriteString("stage", o.Stage);
            Instant(w, "dueAt", o.DueAt);
            if (o.LegalDueAt is { } legal) w.WriteString("legalDueAt", FactsJson.Format(legal));
            w.WriteString("deadline", o.Deadline);
            if (clock is not null) w.WriteString("remaining", clock.Remaining(o.DueAt));
            w.WriteString("status", o.Status);
            if (o.Exemption is null) w.WriteNull("exemption"); else w.WriteString("exemption", o.Exemption);
            Strings(w, "missingFacts", o.MissingFacts);
            if (o.MissingFacts.Count > 0) Unknowns(w, o.Unknowns);
            UncertaintyJson.Item(w, u?.For(UncertaintyReport.ObligationKey(o.Id, o.Stage)), "status", obligation: true);
            w.WriteString("citation", o.Citation);
            if (o.Authority is { } a)
            {
                w.WriteStartObject("authority");
                w.WriteString("name", a.Name);
                if (a.Channel is not null) w.WriteString("channel", a.Channel);
                w.WriteString("source", a.Source);
                w.WriteString("asOf", a.AsOf);
                w.WriteEndObject();
            }
            w.WriteStartArray("content");
            foreach (var c in o.Content)
            {
                w.WriteStartObject();
                w.WriteString("item", c.Item);
                w.WritePropertyName("value");
                Value(w, c.Value);
                if (c.Missing) w.WriteBoolean("missing", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteString("policy", o.Policy);
            if (o.Verification is { } ver) w.WriteString("verification", ver);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("escalation");
        foreach (var e in u is null ? d.Escalation : d.Escalation.Concat(u.ProvisionalEscalation))
        {
            w.WriteStartObject();
            w.WriteNumber("step", e.Step);
            w.WriteString("role", e.Role);
            w.WriteString("channel", e.Channel);
            w.WriteString("ackWithin", e.AckWithin);
            Instant(w, "dueAt", e.DueAt);
            if (e.EscalateTo is { } to) w.WriteString("escalateTo", to);
            if (e.Reason is { } why) w.WriteString("reason", why);
            w.WriteString("policy", e.Policy);
            UncertaintyJson.PlanItem(w, u?.For(UncertaintyReport.EscalationKey(e)));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("actions");
        foreach (var a in u is null ? d.Actions : d.Actions.Concat(u.ProvisionalActions))
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            w.WriteNumber("order", a.Order);
            Strings(w, "after", a.After);
            w.WriteStartObject("params");
            foreach (var (k, v) in a.Params.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteString(k, v);
            w.WriteEndObject();
            if (a.Title is { } t) w.WriteString("title", t);
            w.WriteString("policy", a.Policy);
            UncertaintyJson.PlanItem(w, u?.For(UncertaintyReport.ActionKey(a)));
            w.WriteEndObject();
        }
        w.WriteEndArray();

        if (u is not null) UncertaintyJson.Summary(w, u);
        if (d.Failures.Count > 0) Failures(w, d.Failures);

        if (d.Trace is { } trace)
        {
            w.WriteStartArray("trace");
            foreach (var t in trace)
            {
                w.WriteStartObject();
                w.WriteString("stage", t.Stage);
                w.WriteString("policy", t.Policy);
                w.WriteString("rule", t.Rule);
                w.WriteString("result", t.Result);
                if (t.Detail is { } detail) w.WriteString("detail", detail);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    /// <summary>Writes the <c>bundle</c> object: name, version, digest.</summary>
    public static void Bundle(Utf8JsonWriter w, BundleInfo bundle)
    {
        w.WriteStartObject("bundle");
        w.WriteString("name", bundle.Name);
        w.WriteString("version", bundle.Version);
        w.WriteString("digest", bundle.Digest);
        w.WriteEndObject();
    }

    /// <summary>Writes purpose violations as decisions and access answers show them.</summary>
    public static void Violations(Utf8JsonWriter w, string name, IReadOnlyList<PurposeViolation> violations)
    {
        w.WriteStartArray(name);
        foreach (var v in violations)
        {
            w.WriteStartObject();
            w.WriteString("actor", v.Actor);
            w.WriteString("purpose", v.Purpose);
            w.WriteString("object", v.Object);
            Strings(w, "fields", v.Fields);
            w.WriteString("rule", v.Rule);
            w.WriteString("reason", v.Reason);
            w.WriteString("policy", v.Policy);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>Writes <c>failures</c>: each failed policy with its diagnostic and place (docs/decision.md).</summary>
    public static void Failures(Utf8JsonWriter w, IReadOnlyList<DecisionFailure> failures)
    {
        w.WriteStartArray("failures");
        foreach (var f in failures)
        {
            w.WriteStartObject();
            w.WriteString("stage", f.Stage);
            w.WriteString("policy", f.Policy);
            if (f.Item is null) w.WriteNull("item"); else w.WriteString("item", f.Item);
            w.WriteString("code", f.Code);
            w.WriteString("message", f.Message);
            if (f.File is { } file)
            {
                w.WriteString("file", file);
                w.WriteNumber("line", f.Line ?? 0);
                w.WriteNumber("column", f.Column ?? 0);
            }
            if (f.Help is { } help) w.WriteString("help", help);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    // The typed form of missingFacts: what kind of thing each entry is (docs/decision.md).
    private static void Unknowns(Utf8JsonWriter w, IReadOnlyList<Unknown> unknowns)
    {
        w.WriteStartArray("unknowns");
        foreach (var u in unknowns)
        {
            w.WriteStartObject();
            w.WriteString("kind", u.KindName);
            w.WriteString("path", u.Path);
            if (u.Calendar is { } cal) w.WriteString("calendar", cal);
            if (u.Year is { } year) w.WriteNumber("year", year);
            if (u.Obligation is { } ob) w.WriteString("obligation", ob);
            if (u.Stage is { } st) w.WriteString("stage", st);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Instant(Utf8JsonWriter w, string name, Instant? i)
    {
        if (i is { } v) w.WriteString(name, FactsJson.Format(v));
        else w.WriteNull(name);
    }

    /// <summary>Writes a named array of strings.</summary>
    public static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    /// <summary>Writes a content value: numbers, text, booleans, lists of text, instants, maps.</summary>
    public static void Value(Utf8JsonWriter w, object? v)
    {
        switch (v)
        {
            case null: w.WriteNullValue(); break;
            case string s: w.WriteStringValue(s); break;
            case bool b: w.WriteBooleanValue(b); break;
            case int i: w.WriteNumberValue(i); break;
            case long l: w.WriteNumberValue(l); break;
            case double d: w.WriteNumberValue(d); break;
            case NodaTime.Instant at: w.WriteStringValue(FactsJson.Format(at)); break;
            case IReadOnlyDictionary<string, long> map:
                w.WriteStartObject();
                foreach (var (k, n) in map.OrderBy(p => p.Key, StringComparer.Ordinal)) w.WriteNumber(k, n);
                w.WriteEndObject();
                break;
            case System.Collections.IEnumerable items:
                w.WriteStartArray();
                foreach (var x in items) Value(w, x);
                w.WriteEndArray();
                break;
            default: w.WriteStringValue(Convert.ToString(v, CultureInfo.InvariantCulture)); break;
        }
    }

    private static void Risk(Utf8JsonWriter w, RiskResult r, UncertaintyReport? u)
    {
        w.WriteStartObject("risk");
        w.WriteString("level", r.Level);
        if (r.Derived is null) w.WriteNull("derived"); else w.WriteString("derived", r.Derived);
        if (r.Controller is null) w.WriteNull("controller"); else w.WriteString("controller", r.Controller);
        w.WriteBoolean("disagreement", r.Disagreement);
        w.WriteString("policy", r.Policy);
        w.WriteStartArray("factors");
        foreach (var f in r.Factors)
        {
            w.WriteStartObject();
            w.WriteString("scenario", f.Scenario);
            w.WriteString("severity", f.Severity);
            if (f.SeverityRule is null) w.WriteNull("severityRule"); else w.WriteString("severityRule", f.SeverityRule);
            w.WriteString("likelihood", f.Likelihood);
            if (f.LikelihoodRule is null) w.WriteNull("likelihoodRule"); else w.WriteString("likelihoodRule", f.LikelihoodRule);
            w.WriteString("risk", f.Risk);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Strings(w, "adjustments", r.Adjustments);
        Strings(w, "reasons", r.Reasons);
        Strings(w, "missingFacts", r.MissingFacts);
        UncertaintyJson.Item(w, u?.For(UncertaintyReport.RiskKey), "level");
        w.WriteEndObject();
    }
}

/// <summary>An explicit "now" for the clock view: time remaining or overdue per obligation. Never the machine clock.</summary>
public sealed record ClockView(Instant AsOf)
{
    /// <summary><c>PT5H30M</c> remaining, <c>-PT2H</c> overdue, or <c>no fixed deadline</c>.</summary>
    public string Remaining(Instant? due)
    {
        if (due is null) return "no fixed deadline";
        var d = due.Value - AsOf;
        var neg = d < Duration.Zero;
        if (neg) d = -d;
        var text = Format(d);
        return neg ? "overdue by " + text : text + " left";
    }

    /// <summary>A short human duration: <c>2d 5h 30m</c>.</summary>
    public static string Format(Duration d)
    {
        var parts = new List<string>();
        if (d.Days > 0) parts.Add($"{d.Days}d");
        if (d.Hours > 0) parts.Add($"{d.Hours}h");
        if (d.Minutes > 0 || parts.Count == 0) parts.Add($"{d.Minutes}m");
        return string.Join(' ', parts);
    }
}
