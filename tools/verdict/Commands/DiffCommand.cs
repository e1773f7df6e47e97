using System.CommandLine;
using System.Text;
using System.Text.Json;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Rendering;
using Verdict.Syntax;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict diff --base DIR --head DIR --corpus DIR</c>: decides every incident of a corpus under two bundle versions
/// and reports what a policy change does to real decisions: severity, obligations (added, removed, deadline moved,
/// status changed), escalation and actions. <c>--format markdown</c> is meant for a pull-request comment.
/// </summary>
public static class DiffCommand
{
    public static Command Create()
    {
        var baseDir = new Option<string>("--base") { Description = "policy bundle before the change (e.g. a git worktree of the target branch)", Required = true };
        var headDir = new Option<string>("--head") { Description = "policy bundle after the change", Required = true };
        var corpus = new Option<string>("--corpus") { Description = "folder of incident facts (*.yaml, *.json, *.jsonl: one incident per line)", Required = true };
        var format = new Option<string>("--format") { Description = "text | markdown | json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var allowCSharp = new Option<bool>("--allow-csharp") { Description = "allow policies written in C#" };
        var cmd = new Command("diff", "show how decisions over a corpus of incidents change between two bundle versions") { baseDir, headDir, corpus, format, allowCSharp };
        cmd.SetAction(r => Run(r.GetValue(baseDir)!, r.GetValue(headDir)!, r.GetValue(corpus)!, r.GetValue(format)!, r.GetValue(allowCSharp), Console.Out));
        return cmd;
    }

    /// <summary>Runs the diff and prints the report. 0 whatever changed; 2 for a missing corpus; 3 when a bundle is invalid.</summary>
    internal static int Run(string baseDir, string headDir, string corpus, string format, bool allowCSharp, TextWriter output)
    {
        if (!Directory.Exists(corpus) && !File.Exists(corpus))
        {
            Console.Error.WriteLine($"error: corpus `{corpus}` does not exist\n  help: pass a folder of incident facts files");
            return ExitCodes.Usage;
        }
        var options = new BundleOptions { AllowCSharp = allowCSharp };
        PolicyBundle before, after;
        try { before = BundleCache.Load(baseDir, options); }
        catch (VerdictException e) { Console.Error.WriteLine($"error: the base bundle `{baseDir}` is invalid"); Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }
        try { after = BundleCache.Load(headDir, options); }
        catch (VerdictException e) { Console.Error.WriteLine($"error: the head bundle `{headDir}` is invalid"); Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }

        var report = new DiffReport(before, after);
        foreach (var (source, load) in Corpus.Read(corpus))
        {
            IncidentFacts facts;
            try { facts = load(); }
            catch (VerdictException e) { report.Unreadable.Add((source, e.Diagnostics[0].ToString().Split('\n')[0])); continue; }
            catch (Exception e) when (e is not OutOfMemoryException) { report.Unreadable.Add((source, $"cannot read: {e.Message}")); continue; }
            report.Add(source, facts.Id, Decide(before, facts), Decide(after, facts));
        }
        output.Write(format switch
        {
            "markdown" => DiffMarkdown.Write(report),
            "json" => DiffJson.Write(report),
            _ => DiffText.Write(report),
        });
        return ExitCodes.Ok;
    }

    private static (Decision? Decision, string? Error) Decide(PolicyBundle bundle, IncidentFacts facts)
    {
        try { return (bundle.Decide(facts), null); }
        catch (VerdictException e) { return (null, $"{e.Diagnostics[0].Code}: {e.Diagnostics[0].Message}"); }
        catch (Exception e) when (e is not OutOfMemoryException) { return (null, $"internal error: {e.Message}"); }
    }
}

/// <summary>The facts files of a corpus, each with a loader; a JSONL file gives one incident per non-empty line.</summary>
internal static class Corpus
{
    public static IEnumerable<(string Source, Func<IncidentFacts> Load)> Read(string corpus)
    {
        IEnumerable<string> files = File.Exists(corpus) ? [corpus]
            : Directory.EnumerateFiles(corpus, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".jsonl", StringComparison.Ordinal) || TestCases.IsFactsFile(f))
                .Where(f => !TestCases.InEventsFolder(corpus, f))
                .OrderBy(f => f.Replace('\\', '/'), StringComparer.Ordinal);
        foreach (var file in files)
        {
            var shown = TestCommand.Show(file);
            if (!file.EndsWith(".jsonl", StringComparison.Ordinal))
            {
                yield return (shown, () => FactsLoader.LoadFile(file, shown));
                continue;
            }
            var lineNo = 0;
            foreach (var line in File.ReadLines(file))
            {
                lineNo++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var source = $"{shown}:{lineNo}";
                yield return (source, () => FactsLoader.LoadText(line, source));
            }
        }
    }
}

/// <summary>One obligation stage in a diff.</summary>
internal sealed record ObligationChange(string Id, string Stage, string Kind, string? Before, string? After);

/// <summary>What changed for one incident; empty lists and nulls where nothing did.</summary>
internal sealed class IncidentDiff
{
    public required string Source { get; init; }
    public required string IncidentId { get; init; }
    public (string Before, string After)? Severity { get; set; }
    public (string Before, string After)? SeverityRows { get; set; }
    public List<ObligationChange> Obligations { get; } = [];
    public (IReadOnlyList<string> Before, IReadOnlyList<string> After)? Actions { get; set; }
    public (IReadOnlyList<string> Before, IReadOnlyList<string> After)? Escalation { get; set; }
    public (int Before, int After)? PurposeViolations { get; set; }
    public (string? Before, string? After)? Error { get; set; }

    public bool Changed => Severity is not null || SeverityRows is not null || Obligations.Count > 0 || Actions is not null ||
                           Escalation is not null || PurposeViolations is not null || Error is not null;
}

/// <summary>The comparison of every incident, and the counts the summary shows.</summary>
internal sealed class DiffReport(PolicyBundle before, PolicyBundle after)
{
    public BundleInfo Base { get; } = new(before.Name, before.Version, before.Digest);
    public BundleInfo Head { get; } = new(after.Name, after.Version, after.Digest);
    public List<IncidentDiff> Incidents { get; } = [];
    public List<(string Source, string Error)> Unreadable { get; } = [];

    public IEnumerable<IncidentDiff> Changed => Incidents.Where(i => i.Changed);
    public int Count(string kind) => Incidents.Sum(i => i.Obligations.Count(o => o.Kind == kind));
    public int SeverityUp => Changed.Count(i => i.Severity is { } s && Rank(s.After) > Rank(s.Before));
    public int SeverityDown => Changed.Count(i => i.Severity is { } s && Rank(s.After) < Rank(s.Before));
    public int SeverityOther => Changed.Count(i => i.Severity is { } s && Rank(s.After) == Rank(s.Before));

    private static int Rank(string level) => Array.IndexOf(Expressions.SeverityView.Levels, level);

    public void Add(string source, string incidentId, (Decision? Decision, string? Error) b, (Decision? Decision, string? Error) h)
    {
        var diff = new IncidentDiff { Source = source, IncidentId = incidentId };
        Incidents.Add(diff);
        if (b.Error != h.Error) diff.Error = (b.Error, h.Error);
        if (b.Decision is not { } x || h.Decision is not { } y) return;
        if (x.Severity.Level != y.Severity.Level) diff.Severity = (x.Severity.Level, y.Severity.Level);
        else if (!x.Severity.Rows.SequenceEqual(y.Severity.Rows) || x.Severity.Policy != y.Severity.Policy)
            diff.SeverityRows = (string.Join(", ", x.Severity.Rows), string.Join(", ", y.Severity.Rows));
        Obligations(diff, x.Obligations, y.Obligations);
        var (ab, ah) = (x.Actions.Select(a => a.Id).ToList(), y.Actions.Select(a => a.Id).ToList());
        if (!ab.SequenceEqual(ah)) diff.Actions = (ab, ah);
        var (eb, eh) = (x.Escalation.Select(s => s.Role).ToList(), y.Escalation.Select(s => s.Role).ToList());
        if (!eb.SequenceEqual(eh)) diff.Escalation = (eb, eh);
        if (x.PurposeViolations.Count != y.PurposeViolations.Count) diff.PurposeViolations = (x.PurposeViolations.Count, y.PurposeViolations.Count);
    }

    private static void Obligations(IncidentDiff diff, IReadOnlyList<ObligationResult> before, IReadOnlyList<ObligationResult> after)
    {
        var b = before.GroupBy(o => (o.Id, o.Stage)).ToDictionary(g => g.Key, g => g.First());
        var a = after.GroupBy(o => (o.Id, o.Stage)).ToDictionary(g => g.Key, g => g.First());
        foreach (var key in b.Keys.Union(a.Keys).OrderBy(k => k.Id, StringComparer.Ordinal).ThenBy(k => k.Stage, StringComparer.Ordinal))
        {
            var (id, stage) = key;
            var x = b.GetValueOrDefault(key);
            var y = a.GetValueOrDefault(key);
            if (x is null) diff.Obligations.Add(new(id, stage, "added", null, Describe(y!)));
            else if (y is null) diff.Obligations.Add(new(id, stage, "removed", Describe(x), null));
            else
            {
                if (x.Status != y.Status) diff.Obligations.Add(new(id, stage, "status", x.Status, y.Status));
                if (x.DueAt != y.DueAt || x.LegalDueAt != y.LegalDueAt) diff.Obligations.Add(new(id, stage, "moved", Due(x), Due(y)));
            }
        }
    }

    private static string Describe(ObligationResult o) => $"{o.Status}, {Due(o)}";

    internal static string Due(ObligationResult o) => o.DueAt is { } d
        ? "due " + FactsJson.Format(d) + (o.LegalDueAt is { } l ? $" (legal {FactsJson.Format(l)})" : "")
        : "no fixed deadline";
}

/// <summary>The report as plain text for a terminal.</summary>
internal static class DiffText
{
    public static string Write(DiffReport r)
    {
        var t = new StringBuilder();
        t.Append($"base {r.Base.Name} {r.Base.Version} ({Short(r.Base.Digest)}) → head {r.Head.Name} {r.Head.Version} ({Short(r.Head.Digest)})\n");
        foreach (var i in r.Changed)
        {
            t.Append($"\n{i.IncidentId}  {i.Source}\n");
            foreach (var line in Lines(i)) t.Append("  ").Append(line).Append('\n');
        }
        foreach (var (source, error) in r.Unreadable) t.Append($"\nskipped {source}: {error}\n");
        t.Append('\n').Append(Summary(r)).Append('\n');
        return t.ToString();
    }

    internal static string Short(string digest) => digest.Length > 19 ? digest[..19] + "…" : digest;

    internal static IEnumerable<string> Lines(IncidentDiff i)
    {
        if (i.Error is { } e) yield return $"error: {e.Before ?? "none"} → {e.After ?? "none"}";
        if (i.Severity is { } s) yield return $"severity: {s.Before} → {s.After}";
        if (i.SeverityRows is { } rows) yield return $"severity rows: {rows.Before} → {rows.After}";
        if (i.PurposeViolations is { } pv) yield return $"purpose violations: {pv.Before} → {pv.After}";
        foreach (var o in i.Obligations)
            yield return o.Kind switch
            {
                "added" => $"+ obligation {o.Id} [{o.Stage}]: {o.After}",
                "removed" => $"- obligation {o.Id} [{o.Stage}]: was {o.Before}",
                "status" => $"~ obligation {o.Id} [{o.Stage}]: status {o.Before} → {o.After}",
                _ => $"~ obligation {o.Id} [{o.Stage}]: {o.Before} → {o.After}",
            };
        if (i.Escalation is { } esc) yield return $"escalation: [{string.Join(", ", esc.Before)}] → [{string.Join(", ", esc.After)}]";
        if (i.Actions is { } act) yield return $"actions: [{string.Join(", ", act.Before)}] → [{string.Join(", ", act.After)}]";
    }

    internal static string Summary(DiffReport r)
    {
        var changed = r.Changed.ToList();
        return $"{changed.Count} of {r.Incidents.Count} incidents change: " +
               $"severity {changed.Count(c => c.Severity is not null)} (up {r.SeverityUp}, down {r.SeverityDown}), " +
               $"obligations +{r.Count("added")} -{r.Count("removed")}, {r.Count("moved")} deadlines moved, {r.Count("status")} status changes, " +
               $"escalation {changed.Count(c => c.Escalation is not null)}, actions {changed.Count(c => c.Actions is not null)}" +
               (r.Unreadable.Count > 0 ? $"; {r.Unreadable.Count} facts files skipped" : "");
    }
}

/// <summary>The report as Markdown for a pull-request comment: a summary line, a table, and the details folded.</summary>
internal static class DiffMarkdown
{
    public static string Write(DiffReport r)
    {
        var t = new StringBuilder("### Verdict: decisions changed by this pull request\n\n");
        t.Append($"`{r.Base.Name}` {r.Base.Version} (`{DiffText.Short(r.Base.Digest)}`) → {r.Head.Version} (`{DiffText.Short(r.Head.Digest)}`)\n\n");
        t.Append("**").Append(DiffText.Summary(r)).Append("**\n\n");
        var changed = r.Changed.ToList();
        if (changed.Count == 0) t.Append("No decision in the corpus changes.\n");
        else
        {
            t.Append("| incident | severity | obligations | escalation / actions |\n|---|---|---|---|\n");
            foreach (var i in changed)
            {
                var severity = i.Severity is { } s ? $"{s.Before} → **{s.After}**" : i.SeverityRows is { } rows ? $"rows {Esc(rows.Before)} → {Esc(rows.After)}" : "";
                if (i.Error is { } e) severity = $"error: {Esc(e.Before ?? "none")} → {Esc(e.After ?? "none")}";
                var obligations = string.Join("<br>", i.Obligations.Select(o => o.Kind switch
                {
                    "added" => $"➕ `{o.Id}` {o.Stage}",
                    "removed" => $"➖ `{o.Id}` {o.Stage}",
                    "status" => $"`{o.Id}` {o.Stage}: {o.Before} → {o.After}",
                    _ => $"`{o.Id}` {o.Stage}: deadline moved",
                }));
                var rest = new List<string>();
                if (i.Escalation is not null) rest.Add("escalation changed");
                if (i.Actions is not null) rest.Add("actions changed");
                if (i.PurposeViolations is { } pv) rest.Add($"purpose violations {pv.Before} → {pv.After}");
                t.Append($"| {Esc(i.IncidentId)} <sub>{Esc(i.Source)}</sub> | {severity} | {obligations} | {string.Join("<br>", rest)} |\n");
            }
            t.Append("\n<details><summary>Details</summary>\n\n");
            foreach (var i in changed)
            {
                t.Append($"**{Esc(i.IncidentId)}** ({Esc(i.Source)})\n\n```diff\n");
                foreach (var line in DiffText.Lines(i)) t.Append(line).Append('\n');
                t.Append("```\n\n");
            }
            t.Append("</details>\n");
        }
        foreach (var (source, error) in r.Unreadable) t.Append($"\n> skipped `{source}`: {Esc(error)}\n");
        return t.ToString();
    }

    private static string Esc(string s) => s.Replace("|", "\\|").Replace("<", "&lt;").Replace("\n", " ");
}

/// <summary>The report as JSON for scripts.</summary>
internal static class DiffJson
{
    public static string Write(DiffReport r)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder, NewLine = "\n" }))
        {
            w.WriteStartObject();
            Bundle(w, "base", r.Base);
            Bundle(w, "head", r.Head);
            var changed = r.Changed.ToList();
            w.WriteStartObject("summary");
            w.WriteNumber("incidents", r.Incidents.Count);
            w.WriteNumber("changed", changed.Count);
            w.WriteNumber("severityChanged", changed.Count(c => c.Severity is not null));
            w.WriteNumber("severityUp", r.SeverityUp);
            w.WriteNumber("severityDown", r.SeverityDown);
            w.WriteNumber("obligationsAdded", r.Count("added"));
            w.WriteNumber("obligationsRemoved", r.Count("removed"));
            w.WriteNumber("deadlinesMoved", r.Count("moved"));
            w.WriteNumber("statusChanged", r.Count("status"));
            w.WriteNumber("escalationChanged", changed.Count(c => c.Escalation is not null));
            w.WriteNumber("actionsChanged", changed.Count(c => c.Actions is not null));
            w.WriteNumber("skipped", r.Unreadable.Count);
            w.WriteEndObject();
            w.WriteStartArray("incidents");
            foreach (var i in changed)
            {
                w.WriteStartObject();
                w.WriteString("source", i.Source);
                w.WriteString("incidentId", i.IncidentId);
                if (i.Error is { } e) Pair(w, "error", e.Before, e.After);
                if (i.Severity is { } s) Pair(w, "severity", s.Before, s.After);
                if (i.SeverityRows is { } rows) Pair(w, "severityRows", rows.Before, rows.After);
                if (i.PurposeViolations is { } pv) { w.WriteStartObject("purposeViolations"); w.WriteNumber("base", pv.Before); w.WriteNumber("head", pv.After); w.WriteEndObject(); }
                w.WriteStartArray("obligations");
                foreach (var o in i.Obligations)
                {
                    w.WriteStartObject();
                    w.WriteString("id", o.Id);
                    w.WriteString("stage", o.Stage);
                    w.WriteString("change", o.Kind);
                    if (o.Before is null) w.WriteNull("base"); else w.WriteString("base", o.Before);
                    if (o.After is null) w.WriteNull("head"); else w.WriteString("head", o.After);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                if (i.Escalation is { } esc) Lists(w, "escalation", esc.Before, esc.After);
                if (i.Actions is { } act) Lists(w, "actions", act.Before, act.After);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("skipped");
            foreach (var (source, error) in r.Unreadable)
            {
                w.WriteStartObject();
                w.WriteString("source", source);
                w.WriteString("error", error);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Bundle(Utf8JsonWriter w, string name, BundleInfo b)
    {
        w.WriteStartObject(name);
        w.WriteString("name", b.Name);
        w.WriteString("version", b.Version);
        w.WriteString("digest", b.Digest);
        w.WriteEndObject();
    }

    private static void Pair(Utf8JsonWriter w, string name, string? before, string? after)
    {
        w.WriteStartObject(name);
        if (before is null) w.WriteNull("base"); else w.WriteString("base", before);
        if (after is null) w.WriteNull("head"); else w.WriteString("head", after);
        w.WriteEndObject();
    }

    private static void Lists(Utf8JsonWriter w, string name, IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        w.WriteStartObject(name);
        w.WriteStartArray("base");
        foreach (var x in before) w.WriteStringValue(x);
        w.WriteEndArray();
        w.WriteStartArray("head");
        foreach (var x in after) w.WriteStringValue(x);
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
