using System.CommandLine;
using System.Text;
using NodaTime;
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
/// compared byte for byte with the approval (a unified diff on failure); <c>--accept</c> rewrites approvals.
/// </summary>
public static class TestCommand
{
    public static Command Create()
    {
        var dir = new Argument<string>("DIR") { Description = "folder of test cases (searched recursively), or one facts file", DefaultValueFactory = _ => "policies" };
        var policies = new Option<string?>("--policies") { Description = "policy bundle for every case (default: the nearest folder above each case holding bundle.yaml)" };
        var accept = new Option<bool>("--accept") { Description = "rewrite approved decisions with the current ones (and create them for examples/ and tests/ cases that have none)" };
        var coverage = new Option<bool>("--coverage") { Description = "list severity rows, modifiers, obligations, exemptions, escalation steps and actions no case exercises" };
        var allowCSharp = new Option<bool>("--allow-csharp") { Description = "allow policies written in C#" };
        var cmd = new Command("test", "run policy test cases against their approved decisions") { dir, policies, accept, coverage, allowCSharp };
        cmd.SetAction(r => Run(new TestOptions(r.GetValue(dir)!, r.GetValue(policies), r.GetValue(accept), r.GetValue(coverage), r.GetValue(allowCSharp)), Console.Out));
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
        var cases = TestCases.Find(options.Dir, options.Accept);
        var bundles = new BundleSet(new BundleOptions { AllowCSharp = options.AllowCSharp });
        var coverage = new CoverageTracker();
        int passed = 0, failed = 0, accepted = 0;
        foreach (var c in cases)
        {
            var problems = new List<string>();
            var bundleDir = options.Policies ?? c.BundleDir;
            var bundle = bundleDir is null ? null : bundles.Get(bundleDir, out _);
            if (bundleDir is null) problems.Add($"no bundle.yaml in any folder above `{c.Facts}`; pass --policies");
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
                var approved = File.Exists(c.Approved) ? File.ReadAllText(c.Approved).ReplaceLineEndings("\n") : null;
                if (approved != actual)
                {
                    if (options.Accept)
                    {
                        File.WriteAllBytes(c.Approved, new UTF8Encoding(false).GetBytes(actual));
                        output.WriteLine($"accepted {Show(c.Approved)}");
                        accepted++;
                    }
                    else if (approved is null) problems.Add($"no approved decision `{Show(c.Approved)}`: run `verdict test --accept` and review it");
                    else problems.Add(UnifiedDiff.Write(approved, actual, $"{Show(c.Approved)} (approved)", $"{Show(c.Approved)} (actual)"));
                }
                if (c.Expect is not null) problems.AddRange(Expectations.Check(c.Expect, decision));
                if (c.ExpectError is not null) problems.Add(c.ExpectError);
            }

            if (problems.Count == 0) { passed++; output.WriteLine($"ok    {Show(c.Facts)}"); }
            else
            {
                failed++;
                output.WriteLine($"FAIL  {Show(c.Facts)}");
                foreach (var line in string.Join("\n", problems).TrimEnd('\n').Split('\n')) output.WriteLine("  " + line);
            }
        }
        if (cases.Count == 0) output.WriteLine($"no test cases under `{options.Dir}` (a case is NAME.yaml with NAME.decision.json or NAME.expect.yaml)");
        if (options.Coverage) coverage.Write(output, bundles.Loaded);
        if (accepted > 0) output.WriteLine($"{accepted} approved decision{(accepted == 1 ? "" : "s")} rewritten: review them with `git diff`");
        output.WriteLine($"{passed} passed, {failed} failed");
        return failed == 0 ? ExitCodes.Ok : 1;
    }

    /// <summary>A path as the user sees it: relative to the working directory, forward slashes.</summary>
    internal static string Show(string path)
    {
        var rel = Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(path));
        return (rel.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(path) : rel).Replace('\\', '/');
    }
}

/// <summary>The options of one <c>verdict test</c> run.</summary>
internal sealed record TestOptions(string Dir, string? Policies, bool Accept, bool Coverage, bool AllowCSharp);

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

    /// <summary>
    /// True below a folder named <c>events</c>: event logs, their maps and base incidents are inputs of
    /// <c>verdict facts</c>, not incidents to decide.
    /// </summary>
    public static bool InEventsFolder(string root, string path) =>
        Path.GetRelativePath(root, Path.GetDirectoryName(path) ?? ".").Replace('\\', '/').Split('/').Contains("events");

    /// <summary>Every case under <paramref name="dir"/> (or the one file it names), in path order.</summary>
    public static List<TestCase> Find(string dir, bool accept)
    {
        var files = File.Exists(dir) ? [dir] : Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(IsFactsFile).Where(f => !InEventsFolder(dir, f));
        var cases = new List<TestCase>();
        foreach (var f in files.OrderBy(f => f.Replace('\\', '/'), StringComparer.Ordinal))
        {
            var stem = Path.Combine(Path.GetDirectoryName(f) ?? ".", Path.GetFileNameWithoutExtension(f));
            var approved = stem + ".decision.json";
            var expect = new[] { stem + ".expect.yaml", stem + ".expect.yml" }.FirstOrDefault(File.Exists);
            var inCaseFolder = Path.GetDirectoryName(Path.GetFullPath(f))!.Replace('\\', '/').Split('/').Any(s => BundleSource.NonPolicyFolders.Contains(s));
            if (!File.Exists(approved) && expect is null && !(accept && inCaseFolder) && !File.Exists(dir)) continue;
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

/// <summary>A unified diff of two texts by lines, from their longest common subsequence, with three lines of context.</summary>
internal static class UnifiedDiff
{
    public static string Write(string a, string b, string aName, string bName, int context = 3)
    {
        var x = a.Split('\n');
        var y = b.Split('\n');
        // Trim the common head and tail first: approvals differ in a few lines, so the quadratic table stays small.
        var head = 0;
        while (head < x.Length && head < y.Length && x[head] == y[head]) head++;
        var tail = 0;
        while (tail < x.Length - head && tail < y.Length - head && x[^(tail + 1)] == y[^(tail + 1)]) tail++;
        var ops = new List<(char Op, string Line, int A, int B)>();
        for (var i = 0; i < head; i++) ops.Add((' ', x[i], i, i));
        Lcs(x[head..^tail], y[head..^tail], head, ops);
        for (var i = tail; i > 0; i--) ops.Add((' ', x[^i], x.Length - i, y.Length - i));

        var text = new StringBuilder($"--- {aName}\n+++ {bName}\n");
        var changes = ops.Select((o, i) => (o, i)).Where(t => t.o.Op != ' ').Select(t => t.i).ToList();
        var k = 0;
        while (k < changes.Count)
        {
            var start = Math.Max(0, changes[k] - context);
            var end = changes[k];
            while (k < changes.Count && changes[k] <= end + 2 * context) end = changes[k++];
            end = Math.Min(ops.Count - 1, end + context);
            var hunk = ops.GetRange(start, end - start + 1);
            var aStart = hunk.FirstOrDefault(o => o.Op != '+').A;
            var bStart = hunk.FirstOrDefault(o => o.Op != '-').B;
            var aCount = hunk.Count(o => o.Op != '+');
            var bCount = hunk.Count(o => o.Op != '-');
            text.Append($"@@ -{aStart + (aCount > 0 ? 1 : 0)},{aCount} +{bStart + (bCount > 0 ? 1 : 0)},{bCount} @@\n");
            foreach (var o in hunk) text.Append(o.Op).Append(o.Line).Append('\n');
        }
        return text.ToString();
    }

    private static void Lcs(string[] x, string[] y, int offset, List<(char, string, int, int)> ops)
    {
        var len = new int[x.Length + 1, y.Length + 1];
        for (var i = x.Length - 1; i >= 0; i--)
            for (var j = y.Length - 1; j >= 0; j--)
                len[i, j] = x[i] == y[j] ? len[i + 1, j + 1] + 1 : Math.Max(len[i + 1, j], len[i, j + 1]);
        int p = 0, q = 0;
        while (p < x.Length || q < y.Length)
        {
            if (p < x.Length && q < y.Length && x[p] == y[q]) { ops.Add((' ', x[p], offset + p, offset + q)); p++; q++; }
            else if (p < x.Length && (q == y.Length || len[p + 1, q] >= len[p, q + 1])) { ops.Add(('-', x[p], offset + p, offset + q)); p++; }
            else { ops.Add(('+', y[q], offset + p, offset + q)); q++; }
        }
    }
}
