using System.Text.Json.Nodes;
using NodaTime;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Syntax;

namespace Verdict.Cli.Drills;

/// <summary>One moment of the replay: the facts known then and the decision they give.</summary>
public sealed record Checkpoint(
    Instant At,
    string Title,
    IReadOnlyList<string> Learned,
    IncidentFacts Facts,
    Decision Decision,
    IReadOnlyList<string> Changes,
    IReadOnlyList<string> FellDue);

/// <summary>How the team met one duty of the final decision.</summary>
public sealed record DutyOutcome(ObligationResult Obligation, Instant? SubmittedAt, string Result, Duration? Margin);

/// <summary>How one page was acknowledged: <see cref="DueAt"/> counts from when the role was first paged.</summary>
public sealed record AckOutcome(EscalationStep Step, Instant PagedAt, Instant? DueAt, Instant? AckAt, string Result);

/// <summary>Whether a planned action was done, and done after what it depends on.</summary>
public sealed record ActionOutcome(ActionStep Action, Instant? DoneAt, string Result, IReadOnlyList<string> DoneBefore);

/// <summary>A replayed drill.</summary>
public sealed record DrillRun(
    DrillScenario Scenario,
    IReadOnlyList<Checkpoint> Checkpoints,
    IReadOnlyList<DutyOutcome> Duties,
    IReadOnlyList<AckOutcome> Acks,
    IReadOnlyList<ActionOutcome> Actions);

/// <summary>
/// Replays a drill's clock: a decision at T0, at each inject and at each notice the team submits (chained stages move
/// on notices), then an after-action report against the final decision. Pure: no clock is read.
/// </summary>
public static class DrillReplay
{
    /// <summary>Replays <paramref name="scenario"/> under <paramref name="bundle"/>.</summary>
    public static DrillRun Run(DrillScenario scenario, PolicyBundle bundle)
    {
        var instants = new SortedSet<Instant> { scenario.Start, scenario.End };
        foreach (var i in scenario.Injects) instants.Add(i.At);
        foreach (var t in scenario.Team.Where(t => t.Kind == TeamActionKind.Notice)) instants.Add(t.At);

        var checkpoints = new List<Checkpoint>();
        Checkpoint? previous = null;
        foreach (var at in instants)
        {
            var applied = scenario.Injects.Where(i => i.At <= at).ToList();
            var facts = FactsAt(scenario, applied, at);
            var decision = bundle.Decide(facts);
            var now = applied.Where(i => i.At == at && (previous is null || previous.At < at)).ToList();
            var title = at == scenario.Start && now.Count == 0 ? "start"
                : now.Count > 0 ? string.Join("; ", now.Select(i => i.Title))
                : scenario.Team.Any(t => t.Kind == TeamActionKind.Notice && t.At == at) ? "notice submitted" : "end";
            var learned = now.SelectMany(i => i.Set.Select(s => $"{s.Path} = {Show(s.Value)}").Concat(i.Remove.Select(r => $"{r} no longer known"))).ToList();
            learned.AddRange(scenario.Team.Where(t => t.Kind == TeamActionKind.Notice && t.At == at).Select(t => $"notice {t.Target}{(t.Stage is null ? "" : " (" + t.Stage + ")")} submitted"));
            var cp = new Checkpoint(at, title, learned, facts, decision,
                previous is null ? [] : Changes(previous.Decision, decision),
                previous is null ? [] : FellDue(previous, at, scenario));
            checkpoints.Add(cp);
            previous = cp;
        }
        CheckTeamTargets(scenario, checkpoints);
        var final = checkpoints[^1].Decision;
        return new DrillRun(scenario, checkpoints, Duties(final, scenario), Acks(checkpoints, scenario), Actions(final, scenario));
    }

    /// <summary>The starting facts with every inject up to <paramref name="at"/> applied and the notices submitted by then.</summary>
    public static IncidentFacts FactsAt(DrillScenario scenario, IReadOnlyList<Inject> applied, Instant at)
    {
        var tree = (JsonObject)ToJson(scenario.Facts)!;
        foreach (var inject in applied)
        {
            foreach (var (path, value) in inject.Set) SetPath(tree, path, ToJson(value));
            foreach (var path in inject.Remove) RemovePath(tree, path);
        }
        var notices = scenario.Team.Where(t => t.Kind == TeamActionKind.Notice && t.At <= at).ToList();
        if (notices.Count > 0)
        {
            if (tree["notices"] is not JsonArray list) tree["notices"] = list = [];
            foreach (var n in notices)
            {
                var entry = new JsonObject { ["obligation"] = n.Target, ["submittedAt"] = Rendering.FactsJson.Format(n.At) };
                if (n.Stage is not null) entry["stage"] = n.Stage;
                list.Add(entry);
            }
        }
        try { return FactsLoader.LoadText(tree.ToJsonString(), $"{scenario.File} at {Rendering.FactsJson.Format(at)}"); }
        catch (VerdictException e)
        {
            // The merged text has no file of its own: point at the inject that made the facts invalid.
            var where = applied.Count > 0 ? applied[^1].Location : scenario.Facts.Location;
            throw new VerdictException([.. e.Diagnostics.Select(d => d with
            {
                Location = where,
                Message = $"facts at {Rendering.FactsJson.Format(at)} are invalid: {Where(d)}{d.Message}",
            })]);
        }
    }

    private static string Where(Diagnostic d) => (d.JsonPath ?? d.Location?.ToString()) is { } p ? p + ": " : "";

    private static void CheckTeamTargets(DrillScenario scenario, IReadOnlyList<Checkpoint> checkpoints)
    {
        var obligations = checkpoints.SelectMany(c => c.Decision.Obligations.Select(o => o.Id)).Distinct().ToList();
        var roles = checkpoints.SelectMany(c => c.Decision.Escalation.Select(e => e.Role)).Distinct().ToList();
        var actions = checkpoints.SelectMany(c => c.Decision.Actions.Select(a => a.Id)).Distinct().ToList();
        var problems = new List<Diagnostic>();
        foreach (var t in scenario.Team)
        {
            var (known, word) = t.Kind switch
            {
                TeamActionKind.Notice => (obligations, "obligation"),
                TeamActionKind.Ack => (roles, "escalation role"),
                _ => (actions, "action"),
            };
            if (known.Contains(t.Target)) continue;
            var near = Suggest.Nearest(t.Target, known);
            problems.Add(Diagnostic.Error(Codes.UnknownReference, $"`{t.Target}` is no {word} of any decision in this drill", t.Location,
                near is not null ? $"did you mean `{near}`?" : $"name one of: {string.Join(", ", known.Take(12))}"));
        }
        if (problems.Count > 0) throw new VerdictException(problems);
    }

    private static IReadOnlyList<string> Changes(Decision before, Decision after)
    {
        var changes = new List<string>();
        if (before.Severity.Level != after.Severity.Level) changes.Add($"severity {before.Severity.Level} → {after.Severity.Level}");
        var old = before.Obligations.ToDictionary(o => (o.Id, o.Stage));
        var now = after.Obligations.ToDictionary(o => (o.Id, o.Stage));
        foreach (var o in after.Obligations)
        {
            if (!old.TryGetValue((o.Id, o.Stage), out var was)) { changes.Add($"{o.Id} ({o.Stage}) appears: {o.Status}{Due(o.DueAt)}"); continue; }
            if (was.Status != o.Status) changes.Add($"{o.Id} ({o.Stage}) {was.Status} → {o.Status}{Due(o.DueAt)}");
            else if (was.DueAt != o.DueAt) changes.Add($"{o.Id} ({o.Stage}) due {Show(was.DueAt)} → {Show(o.DueAt)}");
        }
        foreach (var o in before.Obligations.Where(o => !now.ContainsKey((o.Id, o.Stage)))) changes.Add($"{o.Id} ({o.Stage}) no longer applies");
        var roles = before.Escalation.Select(e => e.Role).ToHashSet();
        var newRoles = after.Escalation.Select(e => e.Role).ToHashSet();
        foreach (var e in after.Escalation.Where(e => !roles.Contains(e.Role))) changes.Add($"page {e.Role} via {e.Channel}");
        foreach (var e in before.Escalation.Where(e => !newRoles.Contains(e.Role))) changes.Add($"{e.Role} no longer paged");
        var ids = before.Actions.Select(a => a.Id).ToHashSet();
        var newIds = after.Actions.Select(a => a.Id).ToHashSet();
        foreach (var a in after.Actions.Where(a => !ids.Contains(a.Id))) changes.Add($"action {a.Id} added");
        foreach (var a in before.Actions.Where(a => !newIds.Contains(a.Id))) changes.Add($"action {a.Id} dropped");
        return changes;
    }

    private static IReadOnlyList<string> FellDue(Checkpoint previous, Instant at, DrillScenario scenario)
    {
        var result = new List<string>();
        foreach (var o in previous.Decision.Obligations.Where(o => o.Status == "required" && o.DueAt is { } d && d > previous.At && d <= at))
        {
            var sent = Submitted(scenario, o, o.DueAt!.Value);
            result.Add(sent is { } s ? $"{o.Id} ({o.Stage}) fell due {Show(o.DueAt)}: submitted {Show(s)}" : $"{o.Id} ({o.Stage}) fell due {Show(o.DueAt)}: OVERDUE, no notice by then");
        }
        return result;
    }

    private static IReadOnlyList<DutyOutcome> Duties(Decision final, DrillScenario scenario)
    {
        var result = new List<DutyOutcome>();
        foreach (var o in final.Obligations.Where(o => o.Status != "exempt"))
        {
            var sent = Submitted(scenario, o, Instant.MaxValue);
            var (res, margin) = (o.Status, o.DueAt, sent) switch
            {
                ("indeterminate", _, null) => ("undecided at the end", (Duration?)null),
                (_, null, { }) => ("submitted", null),
                (_, null, null) => ("open (without undue delay)", null),
                (_, { } due, { } s) when s <= due => ("met", due - s),
                (_, { } due, { } s) => ("late", s - due),
                (_, { } due, null) when due <= scenario.End => ("missed", scenario.End - due),
                (_, { } due, null) => ("not yet due", due - scenario.End),
            };
            result.Add(new DutyOutcome(o, sent, res, margin));
        }
        return result;
    }

    /// <summary>When the team submitted the notice for <paramref name="o"/>, if it did by <paramref name="notAfter"/>.</summary>
    internal static Instant? Submitted(DrillScenario scenario, ObligationResult o, Instant notAfter) =>
        scenario.Team.Where(t => t.Kind == TeamActionKind.Notice && t.Target == o.Id && (t.Stage is null || t.Stage == o.Stage) && t.At <= notAfter)
            .Select(t => (Instant?)t.At).FirstOrDefault();

    private static IReadOnlyList<AckOutcome> Acks(IReadOnlyList<Checkpoint> checkpoints, DrillScenario scenario)
    {
        var result = new List<AckOutcome>();
        foreach (var step in checkpoints[^1].Decision.Escalation)
        {
            // A role paged only after an inject has its acknowledgement window from that moment on.
            var paged = checkpoints.First(c => c.Decision.Escalation.Any(e => e.Role == step.Role)).At;
            var due = step.DueAt is { } d ? paged + (d - scenario.Start) : (Instant?)null;
            var ack = scenario.Team.Where(t => t.Kind == TeamActionKind.Ack && t.Target == step.Role).Select(t => (Instant?)t.At).FirstOrDefault();
            var res = (ack, due) switch
            {
                (null, { } x) when x <= scenario.End => "not acknowledged",
                (null, _) => "open",
                ({ } a, { } x) when a > x => "late",
                _ => "on time",
            };
            result.Add(new AckOutcome(step, paged, due, ack, res));
        }
        return result;
    }

    private static IReadOnlyList<ActionOutcome> Actions(Decision final, DrillScenario scenario)
    {
        Instant? Done(string id) => scenario.Team.Where(t => t.Kind == TeamActionKind.Action && t.Target == id).Select(t => (Instant?)t.At).FirstOrDefault();
        var result = new List<ActionOutcome>();
        foreach (var a in final.Actions)
        {
            var done = Done(a.Id);
            var before = done is null ? [] : a.After.Where(dep => Done(dep) is not { } d || d > done).ToList();
            result.Add(new ActionOutcome(a, done, done is null ? "not done" : before.Count > 0 ? "out of order" : "done", before));
        }
        return result;
    }

    private static string Due(Instant? at) => at is null ? "" : ", due " + Show(at);

    internal static string Show(Instant? at) => at is { } i ? Rendering.FactsJson.Format(i) : "—";

    private static string Show(Node value) => value switch
    {
        ScalarNode s => s.Value,
        SeqNode q => "[" + string.Join(", ", q.Items.Select(Show)) + "]",
        _ => Syntax.CanonicalJson.Of(value),
    };

    private static JsonNode? ToJson(Node node) => node switch
    {
        MapNode m => new JsonObject(m.Entries.Select(e => KeyValuePair.Create(e.Key.Value, ToJson(e.Value)))),
        SeqNode s => new JsonArray([.. s.Items.Select(ToJson)]),
        ScalarNode { Kind: ScalarKind.Null } => null,
        ScalarNode { Kind: ScalarKind.Bool } b => JsonValue.Create(b.Value is "true" or "True" or "TRUE"),
        ScalarNode { Kind: ScalarKind.Integer } i when long.TryParse(i.Value, out var n) => JsonValue.Create(n),
        ScalarNode { Kind: ScalarKind.Integer or ScalarKind.Float } f when decimal.TryParse(f.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var x) => JsonValue.Create(x),
        ScalarNode s => JsonValue.Create(s.Value),
        _ => null,
    };

    private static void SetPath(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var at = root;
        foreach (var p in parts[..^1])
        {
            if (at[p] is not JsonObject next) at[p] = next = [];
            at = next;
        }
        at[parts[^1]] = value;
    }

    private static void RemovePath(JsonObject root, string path)
    {
        var parts = path.Split('.');
        var at = root;
        foreach (var p in parts[..^1])
            if (at[p] is JsonObject next) at = next; else return;
        at.Remove(parts[^1]);
    }
}
