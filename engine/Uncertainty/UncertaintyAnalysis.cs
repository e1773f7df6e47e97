using System.Text;
using System.Text.Json.Nodes;
using NodaTime;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Uncertainty;

/// <summary>
/// Re-decides every completion of a decision's missing incident facts with the same bundle and collects, per
/// indeterminate item, what it could turn into (<see cref="UncertaintyReport"/>). Completions are built as canonical
/// facts JSON with the missing paths set and loaded by <see cref="FactsLoader.LoadJson"/>, so each is an incident the
/// engine would accept as given, decided by the same code.
/// </summary>
public static class UncertaintyAnalysis
{
    /// <summary>The default cap on completions per decision (<c>limits.uncertaintyCompletions</c> in bundle.yaml).</summary>
    public const int DefaultCap = 4096;

    private static readonly string[] RiskOrder = Model.RiskLevels.Risk; // unlikely < risk < high

    /// <summary>The report for <paramref name="decided"/>, or null when no item waits for an incident fact.</summary>
    public static UncertaintyReport? Analyze(Func<IncidentFacts, Decision> decide, IncidentFacts facts, Decision decided, FactDomains domains, int cap, CancellationToken cancel = default)
    {
        if (!AnyOpen(decided, facts)) return null;
        // Items open on facts, and the facts they wait for.
        var open = new List<string>();
        var wanted = new SortedSet<string>(StringComparer.Ordinal);
        void Open(string key, string level, IReadOnlyList<string> missing)
        {
            if (level != Outcome.Indeterminate) return;
            var any = false;
            foreach (var m in missing)
                if (IsIncidentFact(m, facts)) { wanted.Add(m); any = true; }
            if (any) open.Add(key);
        }
        Open(UncertaintyReport.SeverityKey, decided.Severity.Level, decided.Severity.MissingFacts);
        if (decided.Risk.Policy.Length > 0) Open(UncertaintyReport.RiskKey, decided.Risk.Level, decided.Risk.MissingFacts);
        foreach (var o in decided.Obligations) Open(UncertaintyReport.ObligationKey(o.Id, o.Stage), o.Status, o.MissingFacts);
        if (open.Count == 0) return null;

        var paths = new List<string>();
        var values = new List<IReadOnlyList<JsonNode?>>();
        foreach (var p in wanted)
            if (domains.Of(p) is { Count: > 0 } d) { paths.Add(p); values.Add(d); }
        if (paths.Count == 0) return null;

        long total = 1;
        foreach (var v in values) total = Math.Min(total * v.Count, long.MaxValue / 1024);
        var truncated = total > cap;
        var count = (int)Math.Min(total, cap);

        var canonical = (JsonObject)JsonNode.Parse(FactsJson.Canonical(facts))!;
        var rows = new List<(int[] Choice, Dictionary<string, string> Outcome, Dictionary<string, Instant?> Due, Decision D)>();
        var choice = new int[paths.Count];
        for (var n = 0; n < count; n++)
        {
            if ((n & 63) == 0) cancel.ThrowIfCancellationRequested();
            var rest = n;
            for (var i = paths.Count - 1; i >= 0; i--) { choice[i] = rest % values[i].Count; rest /= values[i].Count; }
            var root = (JsonObject)canonical.DeepClone();
            for (var i = 0; i < paths.Count; i++) Set(root, paths[i], values[i][choice[i]]?.DeepClone());
            IncidentFacts completed;
            try { completed = FactsLoader.LoadJson(Encoding.UTF8.GetBytes(root.ToJsonString())); }
            catch (VerdictException) { continue; } // a completion the facts contract rejects is no incident
            var d = decide(completed);
            var outcome = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [UncertaintyReport.SeverityKey] = d.Severity.Level,
                [UncertaintyReport.RiskKey] = d.Risk.Level,
            };
            var due = new Dictionary<string, Instant?>(StringComparer.Ordinal);
            foreach (var o in d.Obligations)
            {
                var key = UncertaintyReport.ObligationKey(o.Id, o.Stage);
                outcome[key] = o.Status;
                due[key] = o.DueAt;
            }
            foreach (var e in d.Escalation) outcome[UncertaintyReport.EscalationKey(e)] = "present";
            foreach (var a in d.Actions) outcome[UncertaintyReport.ActionKey(a)] = "present";
            rows.Add(((int[])choice.Clone(), outcome, due, d));
        }
        if (rows.Count == 0) return null;

        // Escalation steps and actions whose presence the missing facts decide.
        var planKeys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
            foreach (var k in r.Outcome.Keys)
                if (k.StartsWith("escalation:", StringComparison.Ordinal) || k.StartsWith("action:", StringComparison.Ordinal)) planKeys.Add(k);
        foreach (var e in decided.Escalation) planKeys.Add(UncertaintyReport.EscalationKey(e));
        foreach (var a in decided.Actions) planKeys.Add(UncertaintyReport.ActionKey(a));
        var extraEscalation = new List<EscalationStep>();
        var extraActions = new List<ActionStep>();
        var inBase = decided.Escalation.Select(UncertaintyReport.EscalationKey).Concat(decided.Actions.Select(UncertaintyReport.ActionKey)).ToHashSet(StringComparer.Ordinal);
        foreach (var k in planKeys)
        {
            var present = rows.Count(r => r.Outcome.ContainsKey(k));
            if (present == rows.Count && inBase.Contains(k)) continue; // decided: in the plan whatever the facts are
            if (present == 0) continue;
            open.Add(k);
            if (inBase.Contains(k)) continue; // already in the plan (included on an unknown condition): mark, don't add
            var first = rows.First(r => r.Outcome.ContainsKey(k)).D;
            if (k.StartsWith("escalation:", StringComparison.Ordinal))
                extraEscalation.Add(first.Escalation.First(e => UncertaintyReport.EscalationKey(e) == k));
            else extraActions.Add(first.Actions.First(a => UncertaintyReport.ActionKey(a) == k));
        }

        var items = new List<ItemUncertainty>();
        foreach (var key in open)
        {
            string Of(int r) => rows[r].Outcome.GetValueOrDefault(key, "absent");
            var all = Enumerable.Range(0, rows.Count).ToList();
            var possible = Sorted(key, all.Select(Of));
            var resolved = new List<Resolution>();
            for (var f = 0; f < paths.Count; f++)
            {
                var byValue = new SortedDictionary<int, List<string>>();
                for (var v = 0; v < values[f].Count; v++)
                {
                    var set = Sorted(key, all.Where(r => rows[r].Choice[f] == v).Select(Of));
                    if (set.Count > 0) byValue[v] = set;
                }
                if (byValue.Values.Select(s => string.Join('\u0000', s)).Distinct().Count() <= 1) continue; // fixing it narrows nothing
                foreach (var g in byValue.GroupBy(p => string.Join('\u0000', p.Value)))
                    resolved.Add(new Resolution(paths[f], g.Select(p => Text(values[f][p.Key])).ToList(), g.First().Value));
            }
            var dues = rows.Where(r => r.Due.TryGetValue(key, out var x) && x is not null).Select(r => r.Due[key]!.Value).ToList();
            Instant? earliest = dues.Count > 0 ? dues.Min() : null, latest = dues.Count > 0 ? dues.Max() : null;
            var provisional = Precaution(key, possible, truncated);
            var provisionalDue = provisional == Outcome.Required
                ? (earliest ?? decided.Obligations.FirstOrDefault(o => UncertaintyReport.ObligationKey(o.Id, o.Stage) == key)?.DueAt)
                : null;
            items.Add(new ItemUncertainty(key, possible, resolved, provisional, provisionalDue, earliest, latest));
        }

        var questions = new List<Question>();
        for (var f = 0; f < paths.Count; f++)
        {
            var affects = items.Where(i => i.ResolvedBy.Any(r => r.Fact == paths[f])).ToList();
            if (affects.Count == 0) continue;
            var settles = affects.Where(i => i.ResolvedBy.Where(r => r.Fact == paths[f]).All(r => r.Exact && r.Outcomes[0] != Outcome.Indeterminate)).Select(i => i.Key).ToList();
            var deadline = affects.Select(i => i.EarliestDueAt).Where(x => x is not null).Min();
            questions.Add(new Question(paths[f], settles, affects.Select(i => i.Key).ToList(), deadline));
        }
        questions.Sort((a, b) =>
        {
            if (a.EarliestDeadline is null != b.EarliestDeadline is null) return a.EarliestDeadline is null ? 1 : -1;
            if (a.EarliestDeadline is { } x && b.EarliestDeadline is { } y && x != y) return x.CompareTo(y);
            var c = b.Settles.Count.CompareTo(a.Settles.Count);
            if (c != 0) return c;
            c = b.Affects.Count.CompareTo(a.Affects.Count);
            return c != 0 ? c : string.CompareOrdinal(a.Fact, b.Fact);
        });

        return new UncertaintyReport(paths, rows.Count, truncated, items, questions, extraEscalation, extraActions);
    }

    /// <summary>True when some indeterminate item waits for an incident fact; allocation-free, so decided incidents pay nothing.</summary>
    public static bool AnyOpen(Decision decided, IncidentFacts facts)
    {
        if (decided.Severity.Level == Outcome.Indeterminate && AnyFact(decided.Severity.MissingFacts, facts)) return true;
        if (decided.Risk.Policy.Length > 0 && decided.Risk.Level == Outcome.Indeterminate && AnyFact(decided.Risk.MissingFacts, facts)) return true;
        var obligations = decided.Obligations;
        for (var i = 0; i < obligations.Count; i++) // indexed: an interface foreach would box its enumerator
            if (obligations[i].Status == Outcome.Indeterminate && AnyFact(obligations[i].MissingFacts, facts)) return true;
        return false;
    }

    private static bool AnyFact(IReadOnlyList<string> missing, IncidentFacts facts)
    {
        for (var i = 0; i < missing.Count; i++)
            if (IsIncidentFact(missing[i], facts)) return true;
        return false;
    }

    // A fact the incident could still give: a schema leaf it does not give, never a prior notice or a derived value.
    private static bool IsIncidentFact(string missing, IncidentFacts facts) =>
        FactPaths.Exists(missing) && !FactPaths.IsDerived(missing)
        && !missing.StartsWith("notices", StringComparison.Ordinal) && !facts.Has(missing);

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var segs = path.Split('.');
        var at = root;
        for (var i = 0; i < segs.Length - 1; i++)
        {
            if (at[segs[i]] is not JsonObject next) { next = new JsonObject(); at[segs[i]] = next; }
            at = next;
        }
        at[segs[^1]] = value;
    }

    private static string Text(JsonNode? v) => v is null ? "null" : v is JsonValue j && j.TryGetValue<string>(out var s) ? s : v.ToJsonString();

    // Outcomes in their natural order: severity and risk by rank, statuses and presence by name.
    private static List<string> Sorted(string key, IEnumerable<string> outcomes)
    {
        var set = outcomes.Distinct().ToList();
        set.Sort((a, b) =>
        {
            var c = Rank(key, a).CompareTo(Rank(key, b));
            return c != 0 ? c : string.CompareOrdinal(a, b);
        });
        return set;
    }

    private static int Rank(string key, string outcome) => key switch
    {
        UncertaintyReport.SeverityKey => Array.IndexOf(SeverityLevels.Names, outcome) is var i and >= 0 ? i : 100,
        UncertaintyReport.RiskKey => Array.IndexOf(RiskOrder, outcome) is var j and >= 0 ? j : 100,
        _ => outcome switch { Outcome.Exempt => 0, "absent" => 0, Outcome.Indeterminate => 1, Outcome.Required => 2, "present" => 2, _ => 3 },
    };

    // What to act on meanwhile: the worst the item could be; past the cap, the worst there is.
    private static string Precaution(string key, IReadOnlyList<string> possible, bool truncated) => key switch
    {
        UncertaintyReport.SeverityKey => truncated ? SeverityLevels.Names[^1] : possible.LastOrDefault(p => SeverityLevels.Names.Contains(p)) ?? SeverityLevels.Names[^1],
        UncertaintyReport.RiskKey => truncated ? "high" : possible.LastOrDefault(p => RiskOrder.Contains(p)) ?? "high",
        _ when key.StartsWith("obligation:", StringComparison.Ordinal) => Outcome.Required,
        _ => "present",
    };
}
