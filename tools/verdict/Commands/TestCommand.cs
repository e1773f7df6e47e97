using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using Verdict.Cli.Diffing;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Model;
using Verdict.Rendering;
using Verdict.Syntax;

namespace Verdict.Cli.Commands;

/// <summary>
/// <c>verdict test [DIR]</c>: runs every test case under DIR. A case is a facts file <c>NAME.yaml</c> with its approved
/// decision <c>NAME.decision.json</c> and/or partial expectations <c>NAME.expect.yaml</c> next to it. The decision is
/// compared with the approval field by field (<see cref="DecisionDiff"/>, the comparison <c>verdict diff</c> uses),
/// its volatile identity (decision id, bundle version and digest, policy versions) aside unless <c>--exact</c>; a
/// failure prints one line per changed field. A case in <c>examples/</c> or <c>tests/</c> without an approval fails.
/// <c>--accept</c> rewrites the approvals that differ, and only those.
/// </summary>
public static class TestCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "folder of test cases (searched recursively), or one facts file", DefaultValueFactory = _ => "policies" };
        var policies = new Option<string?>("--policies") { Description = "policy bundle for every case (default: the nearest folder above each case holding bundle.yaml)" };
        var accept = new Option<bool>("--accept") { Description = "rewrite approved decisions that differ from the current ones (and create missing ones for examples/ and tests/ cases)" };
        var exact = new Option<bool>("--exact") { Description = "also compare decision ids, the bundle version and digest, and policy versions (with --accept: rewrite approvals whose bytes differ)" };
        var coverage = new Option<bool>("--coverage") { Description = "list severity rows, modifiers, obligations, exemptions, escalation steps and actions no case exercises" };
        var format = new Option<string>("--format") { Description = "text | json | junit (JUnit XML for CI test reports; nothing else on stdout)", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "junit");
        var allowCSharp = new Option<bool>("--allow-csharp") { Description = "allow policies written in C#" };
        var watch = new Option<bool>("--watch") { Description = "run again whenever a policy, facts or approval file changes (Ctrl+C to stop)" };
        var cmd = new Command("test", "run policy test cases against their approved decisions") { dir, policies, accept, exact, coverage, format, allowCSharp, Cli.Quiet, watch };
        cmd.SetAction(r =>
        {
            var options = new TestOptions(r.GetValue(dir)!, r.GetValue(policies), r.GetValue(accept), r.GetValue(coverage), r.GetValue(allowCSharp))
            {
                Exact = r.GetValue(exact), Format = r.GetValue(format)!, Quiet = r.GetValue(Cli.Quiet),
            };
            if (!r.GetValue(watch)) return Run(options, Console.Out);
            if (!Directory.Exists(options.Dir) && !File.Exists(options.Dir)) return Run(options, Console.Out);
            return Watch.Loop(options.Policies is { } p ? [options.Dir, p] : [options.Dir], () => Run(options, Console.Out), Console.Out);
        });
        return cmd;
    }

    /// <summary>Runs the cases and prints the report; 0 when all pass, 1 when any fails, 2 when DIR does not exist.</summary>
    internal static int Run(TestOptions options, TextWriter output)
    {
        if (!Directory.Exists(options.Dir) && !File.Exists(options.Dir))
        {
            Console.Error.WriteLine($"error: `{options.Dir}` does not exist\n  help: pass a folder of test cases (default: policies)");
            return ExitCodes.Usage;
        }
        if (options.Policies is { } p && !File.Exists(Path.Combine(p, "bundle.yaml")))
        {
            Console.Error.WriteLine($"error: no `bundle.yaml` in `{p}`\n  help: --policies names the folder that holds bundle.yaml");
            return ExitCodes.Usage;
        }
        var text = options.Format == "text";
        // In json and junit the report is the whole of stdout; progress notes go to stderr.
        var notes = text ? output : Console.Error;
        var cases = TestCases.Find(options.Dir);
        var bundles = new BundleSet(new BundleOptions { AllowCSharp = options.AllowCSharp });
        var coverage = new CoverageTracker();
        var results = new List<CaseResult>();
        foreach (var c in cases)
        {
            var result = RunCase(c, options, bundles, coverage, notes);
            results.Add(result);
            if (text) TestReport.WriteCase(output, result, options.Quiet);
        }
        var accepted = results.Count(r => r.Accepted);
        switch (options.Format)
        {
            case "json": output.Write(TestReport.Json(results)); break;
            case "junit": output.Write(TestReport.JUnit(results, Show(options.Dir))); break;
            default:
                if (cases.Count == 0) output.WriteLine($"no test cases under `{options.Dir}` (a case is NAME.yaml with NAME.decision.json or NAME.expect.yaml)");
                if (options.Coverage) coverage.Write(output, bundles.Loaded);
                break;
        }
        if (accepted > 0) notes.WriteLine($"{accepted} approved decision{(accepted == 1 ? "" : "s")} rewritten: review them with `git diff`");
        if (text && results.Any(r => r.Changes.Count > 0))
            output.WriteLine($"help: review the changes above; accept them all with `verdict test {Show(options.Dir)}" +
                (options.Policies is { } bundle ? $" --policies {Show(bundle)}" : "") + (options.Exact ? " --exact" : "") + " --accept`");
        if (text) output.WriteLine($"{results.Count(r => r.Passed)} passed, {results.Count(r => !r.Passed)} failed");
        return results.All(r => r.Passed) ? ExitCodes.Ok : 1;
    }

    private static CaseResult RunCase(TestCase c, TestOptions options, BundleSet bundles, CoverageTracker coverage, TextWriter notes)
    {
        var problems = new List<string>();
        var changes = new List<DecisionChange>();
        var accepted = false;
        var bundleDir = options.Policies ?? c.BundleDir;
        var bundle = bundleDir is null ? null : bundles.Get(bundleDir, out _);
        if (bundleDir is null) problems.Add($"no bundle.yaml in any folder above `{Show(c.Facts)}`; pass --policies");
        else if (bundle is null) problems.Add($"the bundle `{bundleDir}` does not load:\n" + string.Join("\n", bundles.Errors(bundleDir)));
        Decision? decision = null;
        if (bundle is not null)
        {
            try
            {
                decision = bundle.Decide(FactsLoader.LoadFile(c.Facts), new DecideOptions { Explain = options.Coverage });
                coverage.Record(bundle, decision);
            }
            catch (VerdictException e) { problems.AddRange(e.Diagnostics.Select(d => d.ToString())); }
            // One broken case must not stop the others (e.g. a parser failure the reader does not translate).
            catch (Exception e) when (e is not OutOfMemoryException) { problems.Add($"internal error: {e.Message}"); }
        }

        if (decision is not null)
        {
            var actual = DecisionJson.Write(decision with { Trace = null });
            var (approved, unreadable) = Approval.Read(c.Approved);
            var differs = false;
            if (approved is not null)
            {
                changes = DecisionDiff.Compare(approved, DecisionDiff.Tree(decision), options.Exact);
                differs = changes.Count > 0 || (options.Exact && File.ReadAllText(c.Approved).ReplaceLineEndings("\n") != actual);
            }
            if (options.Accept && (approved is null || differs))
            {
                File.WriteAllBytes(c.Approved, new UTF8Encoding(false).GetBytes(actual));
                notes.WriteLine($"accepted {Show(c.Approved)}");
                accepted = true;
                changes.Clear();
            }
            else if (unreadable is not null)
                problems.Add($"{unreadable}\nhelp: recreate it with `{AcceptCommand(c, options)}` and review it");
            else if (approved is null)
                problems.Add($"no approved decision `{Show(c.Approved)}`\nhelp: create it with `{AcceptCommand(c, options)}` and review it");
            else if (differs)
            {
                if (changes.Count == 0) changes.Add(new DecisionChange("identity", "", "bytes", null, null, "the approval's bytes differ (layout only)", "layout"));
                problems.AddRange(changes.Select(ch => ch.Text));
                problems.Add($"help: if {(changes.Count == 1 ? "this change is" : "these changes are")} intended, accept with `{AcceptCommand(c, options)}`");
            }
            if (c.Expect is not null) problems.AddRange(Expectations.Check(c.Expect, decision));
            if (c.ExpectError is not null) problems.Add(c.ExpectError);
        }
        return new CaseResult(Show(c.Facts), problems.Count == 0, problems, changes, accepted);
    }

    /// <summary>The command that accepts one case, as the user would type it.</summary>
    private static string AcceptCommand(TestCase c, TestOptions o) =>
        $"verdict test {Show(c.Facts)}" + (o.Policies is { } p ? $" --policies {Show(p)}" : "") + (o.AllowCSharp ? " --allow-csharp" : "") + (o.Exact ? " --exact" : "") + " --accept";

    /// <summary>A path as the user sees it: relative to the working directory, forward slashes.</summary>
    internal static string Show(string path)
    {
        var rel = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(path));
        return (rel.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : rel).Replace('\\', '/');
    }
}

/// <summary>Reads an approved decision; a file that is not a JSON object is reported, not thrown.</summary>
internal static class Approval
{
    public static (JsonObject? Tree, string? Problem) Read(string path)
    {
        if (!File.Exists(path)) return (null, null);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) is JsonObject o
                ? (o, null)
                : (null, $"{TestCommand.Show(path)}:1:1: the approved decision must be a JSON object");
        }
        catch (JsonException e)
        {
            return (null, $"{TestCommand.Show(path)}:{(e.LineNumber ?? 0) + 1}:{(e.BytePositionInLine ?? 0) + 1}: the approved decision is not valid JSON");
        }
    }
}

/// <summary>The options of one <c>verdict test</c> run.</summary>
internal sealed record TestOptions(string Dir, string? Policies, bool Accept, bool Coverage, bool AllowCSharp)
{
    /// <summary>Compare volatile identity too.</summary>
    public bool Exact { get; init; }
    /// <summary>text, json or junit.</summary>
    public string Format { get; init; } = "text";
    /// <summary>Print only failures and the summary.</summary>
    public bool Quiet { get; init; }
}

/// <summary>The outcome of one case: its problems (one line each) and, for a changed decision, the changes.</summary>
internal sealed record CaseResult(string Case, bool Passed, IReadOnlyList<string> Problems, IReadOnlyList<DecisionChange> Changes, bool Accepted);

/// <summary>A facts file, where its approval lives, its optional expectations (or why they could not be read) and the bundle that judges it.</summary>
internal sealed record TestCase(string Facts, string Approved, MapNode? Expect, string? ExpectError, string? BundleDir);

/// <summary>Finds test cases and facts files.</summary>
internal static class TestCases
{
    private static readonly string[] NotFacts = [".decision.json", ".expect.yaml", ".expect.yml"];

    /// <summary>True for a file that may hold incident facts (YAML or JSON, not an approval or expectation).</summary>
    public static bool IsFactsFile(string path)
    {
        var name = Path.GetFileName(path);
        if (name is "bundle.yaml" || NotFacts.Any(s => name.EndsWith(s, StringComparison.Ordinal))) return false;
        return name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal);
    }

    /// <summary>Folders that hold inputs of other commands, not incidents to decide: event logs with their maps and
    /// base incidents (<c>verdict facts</c>), and drill scenarios with their starting facts (<c>verdict drill</c>).</summary>
    public static readonly IReadOnlyList<string> InputFolders = ["events", "drills"];

    /// <summary>True below one of the <see cref="InputFolders"/>.</summary>
    public static bool InInputFolder(string root, string path) =>
        Path.GetRelativePath(root, Path.GetDirectoryName(path) ?? ".").Replace('\\', '/').Split('/').Any(InputFolders.Contains);

    /// <summary>Every case under <paramref name="dir"/> (or the one file it names), in path order.</summary>
    public static List<TestCase> Find(string dir)
    {
        var files = File.Exists(dir) ? [dir] : Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(IsFactsFile).Where(f => !InInputFolder(dir, f));
        var cases = new List<TestCase>();
        foreach (var f in files.OrderBy(f => f.Replace('\\', '/'), StringComparer.Ordinal))
        {
            var stem = Path.Combine(Path.GetDirectoryName(f) ?? ".", Path.GetFileNameWithoutExtension(f));
            var approved = stem + ".decision.json";
            var expect = new[] { stem + ".expect.yaml", stem + ".expect.yml" }.FirstOrDefault(File.Exists);
            var inCaseFolder = Path.GetDirectoryName(Path.GetFullPath(f))!.Replace('\\', '/').Split('/').Any(s => BundleSource.NonPolicyFolders.Contains(s));
            // Outside examples/ and tests/ a YAML file is a case only with an approval or expectations; inside, it always is,
            // so a new case without its approval fails instead of being skipped.
            if (!File.Exists(approved) && expect is null && !inCaseFolder && !File.Exists(dir)) continue;
            MapNode? expectation = null;
            string? problem = null;
            if (expect is not null)
            {
                try
                {
                    expectation = NodeReader.ReadFile(expect, TestCommand.Show(expect)) as MapNode;
                    if (expectation is null) problem = $"{TestCommand.Show(expect)}:1:1: expectations must be a mapping (severity:, obligations:, actions:, escalation:)";
                }
                catch (VerdictException e) { problem = string.Join("\n", e.Diagnostics.Select(d => d.ToString())); }
                catch (Exception e) when (e is not OutOfMemoryException) { problem = $"{TestCommand.Show(expect)}: cannot read: {e.Message}"; }
            }
            cases.Add(new TestCase(f, approved, expectation, problem, BundleAbove(f)));
        }
        return cases;
    }

    private static string? BundleAbove(string file)
    {
        for (var d = Path.GetDirectoryName(Path.GetFullPath(file)); d is not null; d = Path.GetDirectoryName(d))
            if (File.Exists(Path.Combine(d, "bundle.yaml"))) return TestCommand.Show(d);
        return null;
    }
}

/// <summary>Bundles loaded once per folder.</summary>
internal sealed class BundleSet(BundleOptions options)
{
    private readonly Dictionary<string, (PolicyBundle? Bundle, List<Diagnostic> Errors)> _cache = new(StringComparer.Ordinal);

    public PolicyBundle? Get(string dir, out IReadOnlyList<Diagnostic> errors)
    {
        if (!_cache.TryGetValue(dir, out var entry))
        {
            var diagnostics = new List<Diagnostic>();
            var bundle = Scripting.ScriptLanguages.TryLoad(dir, diagnostics, options);
            var problems = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            _cache[dir] = entry = (problems.Count == 0 ? bundle : null, problems);
        }
        errors = entry.Errors;
        return entry.Bundle;
    }

    public IEnumerable<string> Errors(string dir) => _cache.TryGetValue(dir, out var e) ? e.Errors.Select(d => d.ToString()) : [];

    public IEnumerable<PolicyBundle> Loaded => _cache.Values.Select(v => v.Bundle).OfType<PolicyBundle>();
}

/// <summary>
/// Partial expectations (<c>NAME.expect.yaml</c>): a few facts of the decision a reviewer cares about, which survive
/// unrelated policy changes that rewrite the approval.
/// <code>
/// severity: high                      # or { level: high, rows: [r7], modifiers: [autonomous-agent] }
/// obligations:
///   gdpr-art33-sa: { dueAt: 2026-11-23T16:30:00Z, status: required }
///   dora-final/final: { status: indeterminate }   # id/stage when an obligation has several stages
///   hipaa-hhs: absent
/// actions: [preserve-event-logs, revoke-connected-app-tokens]   # the first actions, in this order
/// escalation: [security-incident-commander, privacy-on-call]   # the first roles paged, in this order
/// </code>
/// </summary>
internal static class Expectations
{
    private static readonly string[] Keys = ["severity", "obligations", "actions", "escalation"];
    private static readonly string[] ObligationFields = ["dueAt", "legalDueAt", "status", "stage", "recipient", "regime", "jurisdiction", "exemption", "policy"];

    public static IEnumerable<string> Check(MapNode expect, Decision d)
    {
        foreach (var (key, value) in expect.Entries)
        {
            var at = key.Location;
            switch (key.Value)
            {
                case "severity":
                    foreach (var p in Severity(value, d.Severity)) yield return $"{at}: {p}";
                    break;
                case "obligations":
                    if (value is not MapNode obligations) { yield return $"{at}: `obligations` must map obligation ids to expectations"; break; }
                    foreach (var (id, spec) in obligations.Entries)
                        foreach (var p in Obligation(id.Value, spec, d.Obligations)) yield return $"{id.Location}: {p}";
                    break;
                case "actions":
                    foreach (var p in Prefix("actions", value, d.Actions.Select(a => a.Id).ToList())) yield return $"{at}: {p}";
                    break;
                case "escalation":
                    foreach (var p in Prefix("escalation roles", value, d.Escalation.Select(s => s.Role).ToList())) yield return $"{at}: {p}";
                    break;
                default:
                    yield return $"{at}: unknown expectation `{key.Value}`; expected one of: {string.Join(", ", Keys)}";
                    break;
            }
        }
    }

    private static IEnumerable<string> Severity(Node value, SeverityResult s)
    {
        if (value is ScalarNode level)
        {
            if (level.Value != s.Level) yield return $"expected severity `{level.Value}`, got `{s.Level}`";
            yield break;
        }
        if (value is not MapNode m) { yield return "`severity` must be a level or a mapping"; yield break; }
        if (m.GetString("level") is { } l && l != s.Level) yield return $"expected severity `{l}`, got `{s.Level}`";
        foreach (var (key, actual) in new[] { ("rows", s.Rows), ("modifiers", s.Modifiers) })
            if (m.GetValue(key) is SeqNode seq)
            {
                var expected = seq.Items.OfType<ScalarNode>().Select(x => x.Value).ToList();
                if (!expected.SequenceEqual(actual)) yield return $"expected severity {key} [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]";
            }
    }

    private static IEnumerable<string> Obligation(string key, Node spec, IReadOnlyList<ObligationResult> results)
    {
        var slash = key.IndexOf('/');
        var (id, stage) = slash < 0 ? (key, null) : (key[..slash], key[(slash + 1)..]);
        var found = results.FirstOrDefault(o => o.Id == id && (stage is null || o.Stage == stage));
        if (spec is ScalarNode { Value: "absent" })
        {
            if (found is not null) yield return $"expected no obligation `{key}`, but it is owed ({found.Status})";
            yield break;
        }
        if (found is null) { yield return $"expected obligation `{key}`, but the decision has none"; yield break; }
        if (spec is not MapNode fields) yield break;
        foreach (var (field, value) in fields.Entries)
        {
            if (!ObligationFields.Contains(field.Value)) { yield return $"unknown obligation field `{field.Value}`; expected one of: {string.Join(", ", ObligationFields)}"; continue; }
            var expected = value is ScalarNode { IsNull: false } s ? s.Value : null;
            var actual = field.Value switch
            {
                "dueAt" => Instant(found.DueAt),
                "legalDueAt" => Instant(found.LegalDueAt),
                "status" => found.Status,
                "stage" => found.Stage,
                "recipient" => found.Recipient,
                "regime" => found.Regime,
                "jurisdiction" => found.Jurisdiction,
                "exemption" => found.Exemption,
                _ => found.Policy,
            };
            if (field.Value is "dueAt" or "legalDueAt" && expected is not null && FactsLoader.TryParseInstant(expected, out var i))
                expected = FactsJson.Format(i);
            if (expected != actual)
                yield return $"obligation `{key}`: expected {field.Value} `{expected ?? "null"}`, got `{actual ?? "null"}`";
        }
    }

    private static string? Instant(Instant? i) => i is { } x ? FactsJson.Format(x) : null;

    private static IEnumerable<string> Prefix(string what, Node value, IReadOnlyList<string> actual)
    {
        var expected = (value as SeqNode)?.Items.OfType<ScalarNode>().Select(s => s.Value).ToList() ?? [];
        if (!actual.Take(expected.Count).SequenceEqual(expected))
            yield return $"expected {what} to start [{string.Join(", ", expected)}], got [{string.Join(", ", actual.Take(Math.Max(expected.Count, 1) + 2))}{(actual.Count > expected.Count + 2 ? ", …" : "")}]";
    }
}

/// <summary>Which rules the cases exercised, from the decisions and their traces.</summary>
internal sealed class CoverageTracker
{
    private readonly HashSet<string> _hit = new(StringComparer.Ordinal);

    public void Record(PolicyBundle bundle, Decision d)
    {
        foreach (var t in d.Trace ?? [])
            if (t.Result == "matched") _hit.Add($"{t.Stage}|{t.Policy}|{t.Rule}");
        foreach (var o in d.Obligations) _hit.Add($"obligation|{o.Policy}|{o.Id}");
        foreach (var a in d.Actions) _hit.Add($"action|{a.Policy}|{a.Id}");
    }

    /// <summary>Prints the rules of every loaded bundle that no case exercised.</summary>
    public void Write(TextWriter output, IEnumerable<PolicyBundle> bundles)
    {
        var missed = new List<(SourceLocation At, string What)>();
        var totals = new SortedDictionary<string, (int Hit, int All)>(StringComparer.Ordinal);
        foreach (var bundle in bundles)
            foreach (var doc in bundle.Source.Documents)
                foreach (var (kind, key, id, at) in Rules(doc))
                {
                    var hit = _hit.Contains($"{key}|{doc.Header.Ref}|{id}");
                    var (h, a) = totals.GetValueOrDefault(kind);
                    totals[kind] = (h + (hit ? 1 : 0), a + 1);
                    if (!hit) missed.Add((at, $"{kind[..^1]} `{id}` ({doc.Header.Ref})"));
                }
        output.WriteLine("coverage: " + (totals.Count == 0 ? "no rules" : string.Join(", ", totals.Select(t => $"{t.Value.Hit}/{t.Value.All} {t.Key}"))));
        if (missed.Count == 0) return;
        output.WriteLine("not exercised by any case:");
        foreach (var (at, what) in missed.OrderBy(m => m.At.File, StringComparer.Ordinal).ThenBy(m => m.At.Line))
            output.WriteLine($"  {at}: {what}");
    }

    /// <summary>(kind for the report, trace key, rule id, place) of each rule of a policy.</summary>
    private static IEnumerable<(string Kind, string Key, string Id, SourceLocation At)> Rules(PolicyDocument doc)
    {
        var n = doc.Node;
        IEnumerable<MapNode> Items(MapNode m, string key) => PolicyReader.Maps(m.GetValue(key));
        switch (doc.Header.Kind)
        {
            case "SeverityMatrix":
                foreach (var r in Items(n, "rows")) yield return ("severity rows", "severity", r.GetString("id")!, r.Location);
                foreach (var r in Items(n, "modifiers")) yield return ("severity modifiers", "severity", r.GetString("id")!, r.Location);
                break;
            case "NotificationObligation":
                foreach (var o in Items(n, "obligations"))
                {
                    yield return ("obligations", "obligation", o.GetString("id")!, o.Location);
                    foreach (var e in Items(o, "exemptions"))
                        yield return ("exemptions", "obligations", $"{o.GetString("id")}/{e.GetString("id")}", e.Location);
                }
                break;
            case "EscalationPath":
                foreach (var s in Items(n, "steps")) yield return ("escalation steps", "escalation", s.GetString("id")!, s.Location);
                break;
            case "ActionPlan":
                foreach (var a in Items(n, "actions")) yield return ("actions", "action", a.GetString("id")!, a.Location);
                break;
        }
    }
}
