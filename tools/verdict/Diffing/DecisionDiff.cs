using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Verdict.Decisions;
using Verdict.Rendering;

namespace Verdict.Cli.Diffing;

/// <summary>
/// One difference between two decisions. <see cref="Text"/> is what a reviewer reads
/// (<c>gdpr-art33-sa dueAt 2026-11-23T16:30Z → 2026-11-24T16:30Z</c>); <see cref="Shape"/> is the same change without the
/// incident's own values (<c>gdpr-art33-sa dueAt +1d</c>), so a corpus can be grouped by identical change.
/// </summary>
/// <param name="Part">incident, identity, severity, purposeViolations, obligations, escalation, actions, or another top-level key.</param>
/// <param name="Subject">The obligation, step, action or violation changed; empty for severity and top-level fields.</param>
/// <param name="Field">The field changed (dotted for nested ones); null when the whole subject was added or removed.</param>
/// <param name="Before">The base (approved) value as shown; null when added.</param>
/// <param name="After">The head (actual) value as shown; null when removed.</param>
public sealed record DecisionChange(string Part, string Subject, string? Field, string? Before, string? After, string Text, string Shape);

/// <summary>
/// Compares two decisions field by field: the one comparison behind <c>verdict test</c> (approval vs actual) and
/// <c>verdict diff</c> (base vs head bundle). Lists are matched by identity, not position: obligations by id and stage,
/// escalation steps by role, actions by id, purpose violations by actor, purpose, object and rule, notice content by
/// item. A changed order is reported once (<c>actions order […] → […]</c>), not as every step's number moving.
/// Unless <c>exact</c>, the decision's volatile identity is not compared: <c>decisionId</c>, <c>bundle.version</c>,
/// <c>bundle.digest</c> and the <c>@version</c> of each deciding policy, which change with every edit of the bundle
/// whether or not the decision does.
/// </summary>
public static class DecisionDiff
{
    private static readonly string[] KnownParts = ["decisionId", "incidentId", "bundle", "risk", "severity", "purposeViolations", "obligations", "escalation", "actions", "trace"];

    /// <summary>A decision as the JSON tree the comparison reads (the trace left out).</summary>
    public static JsonObject Tree(Decision d) => (JsonObject)JsonNode.Parse(DecisionJson.Write(d with { Trace = null }))!;

    /// <summary>Every difference from <paramref name="before"/> to <paramref name="after"/>, in decision order.</summary>
    public static List<DecisionChange> Compare(JsonObject before, JsonObject after, bool exact = false)
    {
        var c = new Collector(exact);
        if (exact)
        {
            c.Field("identity", "", "decisionId", before["decisionId"], after["decisionId"]);
            c.Object("identity", "", "bundle", Obj(before["bundle"]), Obj(after["bundle"]), []);
        }
        else c.Field("identity", "", "bundle.name", Obj(before["bundle"])?["name"], Obj(after["bundle"])?["name"]);
        c.Field("incident", "", "incidentId", before["incidentId"], after["incidentId"]);
        c.Object("risk", "", "", Obj(before["risk"]), Obj(after["risk"]), []);
        c.Object("severity", "", "", Obj(before["severity"]), Obj(after["severity"]), []);
        c.Keyed("purposeViolations", Arr(before["purposeViolations"]), Arr(after["purposeViolations"]),
            v => $"{S(v["actor"])} {S(v["purpose"])} {S(v["object"])} ({S(v["rule"])})", "purpose violation", v => S(v["reason"]), ordered: false);
        c.Obligations(Arr(before["obligations"]), Arr(after["obligations"]));
        c.Keyed("escalation", Arr(before["escalation"]), Arr(after["escalation"]), v => S(v["role"]), "escalation step",
            v => $"{S(v["channel"])}, ack within {S(v["ackWithin"])}", ordered: true, orderField: "step");
        c.Keyed("actions", Arr(before["actions"]), Arr(after["actions"]), v => S(v["id"]), "action", _ => "", ordered: true, orderField: "order");
        // Parts this comparison does not know yet (a new decision field) still count, compared as a whole.
        foreach (var key in Keys(before, after).Where(k => !KnownParts.Contains(k)))
            c.Field(key, "", key, before[key], after[key]);
        return c.Changes;
    }

    private static JsonObject? Obj(JsonNode? n) => n as JsonObject;
    private static JsonArray Arr(JsonNode? n) => n as JsonArray ?? [];
    internal static string S(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? "null";

    private static IEnumerable<string> Keys(JsonObject? a, JsonObject? b)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in new[] { a, b })
            foreach (var (k, _) in o ?? [])
                if (seen.Add(k)) yield return k;
    }

    private sealed class Collector(bool exact)
    {
        public List<DecisionChange> Changes { get; } = [];

        public void Obligations(JsonArray before, JsonArray after)
        {
            // The id alone names an obligation unless it has several stages in either decision.
            var ids = before.Concat(after).OfType<JsonObject>().GroupBy(o => S(o["id"]))
                .Where(g => g.Select(o => S(o["stage"])).Distinct().Count() > 1).Select(g => g.Key).ToHashSet();
            Keyed("obligations", before, after, o => ids.Contains(S(o["id"])) ? $"{S(o["id"])}/{S(o["stage"])}" : S(o["id"]), "obligation",
                o => $"{S(o["recipient"])}, {S(o["status"])}, " + (o["dueAt"] is null ? "no fixed deadline" : "due " + Show(o["dueAt"])),
                ordered: false, prefix: "",
                shape: o => $"{S(o["recipient"])}, {S(o["status"])}");
        }

        /// <summary>Matches two lists by key; reports added, removed, changed and (when order matters) reordered items.</summary>
        public void Keyed(string part, JsonArray before, JsonArray after, Func<JsonObject, string> key, string noun,
            Func<JsonObject, string> summary, bool ordered, string? orderField = null, string? prefix = null, Func<JsonObject, string>? shape = null)
        {
            var b = Index(before, key);
            var a = Index(after, key);
            // How each subject is introduced in a line: "escalation step ciso: channel …", or just "gdpr-art33-sa dueAt …".
            string Lead(string k) => prefix is null ? $"{noun} {k}:" : $"{prefix}{k}";
            if (ordered)
            {
                var (kb, ka) = (b.Keys.Where(a.ContainsKey).ToList(), a.Keys.Where(b.ContainsKey).ToList());
                if (!kb.SequenceEqual(ka))
                {
                    var (x, y) = ($"[{string.Join(", ", b.Keys)}]", $"[{string.Join(", ", a.Keys)}]");
                    Add(part, "", "order", x, y, $"{part} order {x} → {y}");
                }
            }
            foreach (var k in b.Keys.Concat(a.Keys.Where(k => !b.ContainsKey(k))))
            {
                var (x, y) = (b.GetValueOrDefault(k), a.GetValueOrDefault(k));
                if (x is null)
                {
                    var s = summary(y!);
                    Add(part, k, null, null, s, $"+ {noun} {k}" + (s.Length > 0 ? $": {s}" : ""), $"+ {noun} {k}" + (shape is null ? "" : $": {shape(y!)}"));
                }
                else if (y is null)
                {
                    var s = summary(x);
                    Add(part, k, null, s, null, $"- {noun} {k}" + (s.Length > 0 ? $": was {s}" : ""), $"- {noun} {k}" + (shape is null ? "" : $": was {shape(x)}"));
                }
                else Object(part, k, Lead(k), x, y, ordered && orderField is not null ? [orderField] : []);
            }
        }

        private static Dictionary<string, JsonObject> Index(JsonArray items, Func<JsonObject, string> key)
        {
            var index = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var o in items.OfType<JsonObject>())
            {
                var k = key(o);
                // Two items with one key (which a decision should not hold) stay apart by their position.
                for (var n = 2; index.ContainsKey(k); n++) k = $"{key(o)} ({Nth(n)})";
                index[k] = o;
            }
            return index;
        }

        private static string Nth(int n) => n switch { 2 => "2nd", 3 => "3rd", _ => $"{n}th" };

        /// <summary>Field by field; nested objects by their keys, notice content by item.</summary>
        public void Object(string part, string subject, string lead, JsonObject? before, JsonObject? after, string[] skip, string path = "")
        {
            foreach (var k in Keys(before, after))
            {
                if (skip.Contains(k) && path.Length == 0) continue;
                var (x, y) = (before?[k], after?[k]);
                var field = path + k;
                if (x is JsonObject ox && y is JsonObject oy) { Object(part, subject, lead, ox, oy, skip, field + "."); continue; }
                if (k == "content" && x is JsonArray cx && y is JsonArray cy) { Content(part, subject, lead, cx, cy); continue; }
                Field(part, subject, field, x, y, lead);
            }
        }

        private void Content(string part, string subject, string lead, JsonArray before, JsonArray after)
        {
            var b = Index(before, i => S(i["item"]));
            var a = Index(after, i => S(i["item"]));
            foreach (var item in b.Keys.Concat(a.Keys.Where(k => !b.ContainsKey(k))))
            {
                var (x, y) = (b.GetValueOrDefault(item), a.GetValueOrDefault(item));
                if (JsonNode.DeepEquals(x, y)) continue;
                string Item(JsonObject? o) => o is null ? "absent" : o["missing"] is JsonValue m && m.TryGetValue<bool>(out var missing) && missing ? "missing" : Show(o["value"]);
                var (vx, vy) = (Item(x), Item(y));
                if (vx == vy) continue;
                Add(part, subject, $"content.{item}", vx, vy, $"{Join(lead, $"content {item}")} {vx} → {vy}",
                    // The value is the incident's own; whether an item is filled, missing or gone is what a policy change does.
                    $"{Join(lead, $"content {item}")} {Kind(vx)} → {Kind(vy)}");
            }
        }

        private static string Kind(string shown) => shown is "absent" or "missing" ? shown : "filled";

        public void Field(string part, string subject, string field, JsonNode? before, JsonNode? after, string lead = "")
        {
            if (JsonNode.DeepEquals(before, after)) return;
            if (!exact && field.EndsWith("policy", StringComparison.Ordinal) && Unversioned(before) == Unversioned(after)) return;
            var (rawX, rawY) = (Show(before), Show(after));
            var (x, y) = Trim(rawX, rawY);
            var label = Join(lead.Length == 0 && part is "severity" ? "severity" : lead, field);
            Add(part, subject, field, x, y, $"{label} {x} → {y}", $"{label} {ShapeOf(before, after, rawX, rawY)}");
        }

        /// <summary>Two long texts that differ in a few words, shown as just the words around the difference.</summary>
        private static (string, string) Trim(string x, string y)
        {
            if (x.Length + y.Length < 120) return (x, y);
            var head = 0;
            while (head < x.Length && head < y.Length && x[head] == y[head]) head++;
            var tail = 0;
            while (tail < x.Length - head && tail < y.Length - head && x[^(tail + 1)] == y[^(tail + 1)]) tail++;
            // Widen to whole words, with a word of context either side.
            int Start(string s) { var i = s.LastIndexOf(' ', Math.Max(0, Math.Min(head, s.Length) - 1)); return i <= 0 ? 0 : Math.Max(0, s.LastIndexOf(' ', i - 1) + 1); }
            int End(string s) { var i = s.IndexOf(' ', Math.Min(s.Length, s.Length - tail)); if (i < 0) return s.Length; var j = s.IndexOf(' ', i + 1); return j < 0 ? s.Length : j; }
            string Cut(string s) { var (a, b) = (Start(s), End(s)); return (a > 0 ? "…" : "") + s[a..Math.Max(a, b)] + (b < s.Length ? "…" : ""); }
            return (Cut(x), Cut(y));
        }

        private void Add(string part, string subject, string? field, string? before, string? after, string text, string? shape = null) =>
            Changes.Add(new DecisionChange(part, subject, field, before, after, text, shape ?? text));

        private static string Join(string lead, string field) => lead.Length == 0 ? field : $"{lead} {field}";

        private static string? Unversioned(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s.Split('@')[0] : n?.ToJsonString();

        /// <summary>How an instant moved (<c>+1d</c>, <c>-30m</c>), else the values themselves.</summary>
        private static string ShapeOf(JsonNode? before, JsonNode? after, string x, string y)
        {
            if (Instant(before) is { } b && Instant(after) is { } a) return SignedDuration.Of(a - b);
            // Free text (reasons, long lists, texts naming an incident's instants) is specific to each incident:
            // group on "changed".
            return x.Length + y.Length > 80 || AnInstant.IsMatch(x) || AnInstant.IsMatch(y) ? "changed" : $"{x} → {y}";
        }
    }

    private static NodaTime.Instant? Instant(JsonNode? n) =>
        n is JsonValue v && v.TryGetValue<string>(out var s) && s.Length >= 20 && s[10] == 'T' && Facts.FactsLoader.TryParseInstant(s, out var i) ? i : null;

    private static readonly Regex AnInstant = new(@"\d{4}-\d\d-\d\dT\d\d:\d\d", RegexOptions.CultureInvariant);

    private static readonly Regex WholeMinute = new(@"^(\d{4}-\d\d-\d\dT\d\d:\d\d):00Z$", RegexOptions.CultureInvariant);

    /// <summary>A value as a line shows it: text bare, instants without zero seconds, lists in brackets, null as <c>null</c>.</summary>
    internal static string Show(JsonNode? n) => n switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => WholeMinute.Replace(s, "$1Z"),
        JsonArray a when a.All(x => x is JsonValue) => $"[{string.Join(", ", a.Select(Show))}]",
        _ => n.ToJsonString(new JsonSerializerOptions { Encoder = Syntax.CanonicalJson.Encoder }),
    };
}

/// <summary>Signed durations for group shapes: whole days as <c>+1d</c>, else hours and minutes (<c>-2h30m</c>).</summary>
internal static class SignedDuration
{
    public static string Of(NodaTime.Duration d)
    {
        if (d == NodaTime.Duration.Zero) return "±0";
        var sign = d < NodaTime.Duration.Zero ? "-" : "+";
        var t = NodaTime.Duration.Max(d, -d);
        if (t.BclCompatibleTicks % TimeSpan.TicksPerDay == 0) return $"{sign}{t.Days}d";
        var parts = new List<string>();
        if (t.Days > 0) parts.Add($"{t.Days}d");
        if (t.Hours > 0) parts.Add($"{t.Hours}h");
        if (t.Minutes > 0) parts.Add($"{t.Minutes}m");
        if (t.Seconds > 0 || parts.Count == 0) parts.Add($"{t.Seconds}s");
        return sign + string.Concat(parts);
    }
}
