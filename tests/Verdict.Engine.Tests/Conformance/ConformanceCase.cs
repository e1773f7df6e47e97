using NodaTime;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Rendering;
using Verdict.Syntax;

namespace Verdict.Tests.Conformance;

/// <summary>
/// One law test as data (<c>tests/conformance/&lt;regime&gt;/&lt;case&gt;.yaml</c>): incident facts in the facts contract,
/// the clause the case checks, an optional as-of instant, and the obligations the statute requires. The expectations
/// are written from the law, so the file can be replayed against any implementation of the contract. Unknown keys
/// are errors: a misspelt expectation must fail, never pass silently.
/// </summary>
public sealed record ConformanceCase(
    string Source, string Regime, IReadOnlyList<string> Cites, Instant? AsOf, IncidentFacts Facts, IReadOnlyList<ExpectedObligation> Expect)
{
    private static readonly HashSet<string> CaseKeys = ["regime", "cites", "description", "asOf", "facts", "expect"];
    private static readonly HashSet<string> ExpectKeys = ["id", "status", "stage", "recipient", "authority", "dueAt", "legalDueAt", "exemption", "missing", "overdue", "cites"];
    private static readonly HashSet<string> Statuses = ["required", "exempt", "indeterminate", "absent"];

    /// <summary>The corpus root, <c>tests/conformance</c>.</summary>
    public static string Root => Repo.PathOf("tests", "conformance");

    /// <summary>Every case file, as paths relative to <see cref="Root"/> with forward slashes, in ordinal order.</summary>
    public static IEnumerable<string> Files() =>
        Directory.EnumerateFiles(Root, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    /// <summary>Reads a case file; the folder name must be the case's regime.</summary>
    public static ConformanceCase Load(string relative)
    {
        var c = Parse(File.ReadAllText(Path.Combine(Root, relative)), relative);
        var folder = relative.Split('/')[0];
        if (folder != c.Regime) throw new InvalidDataException($"{relative}: regime `{c.Regime}` does not match its folder `{folder}`");
        return c;
    }

    /// <summary>Parses a case from text; <paramref name="source"/> names it in messages.</summary>
    public static ConformanceCase Parse(string text, string source)
    {
        if (NodeReader.Read(text, source) is not MapNode root) throw new InvalidDataException($"{source}: expected a mapping");
        Only(root, CaseKeys, source);
        var regime = Required(root, "regime", source);
        var cites = Strings(root.GetValue("cites"));
        if (cites.Count == 0) throw new InvalidDataException($"{source}: `cites` must name the clause the case checks");
        var asOf = root.GetString("asOf") is { } a ? Instant(a, source, "asOf") : (Instant?)null;
        var facts = FactsLoader.FromNode(root.GetValue("facts") ?? throw new InvalidDataException($"{source}: `facts` is required"));
        if (root.GetValue("expect") is not SeqNode seq || seq.Items.Count == 0) throw new InvalidDataException($"{source}: `expect` must list at least one obligation");
        var expect = seq.Items.Select((n, i) => Expectation(n, $"{source}: expect[{i}]")).ToList();
        if (asOf is null && expect.Any(e => e.Overdue is not null)) throw new InvalidDataException($"{source}: `overdue` needs `asOf`");
        return new ConformanceCase(source, regime, cites, asOf, facts, expect);
    }

    /// <summary>Decides the case's facts and returns every mismatch with its expectation; empty when the case passes.</summary>
    public IReadOnlyList<string> Check(PolicyBundle bundle)
    {
        var decision = bundle.Decide(Facts);
        var problems = new List<string>();
        foreach (var e in Expect)
        {
            var rows = decision.Obligations.Where(o => o.Id == e.Id && (e.Stage is null || o.Stage == e.Stage)).ToList();
            if (e.Status == "absent")
            {
                if (rows.Count > 0) problems.Add($"{e.Id}: should not arise, got {Show(rows)}");
                continue;
            }
            if (rows.Count != 1)
            {
                problems.Add($"{e.Id}{(e.Stage is null ? "" : " " + e.Stage)}: expected one row, got {Show(rows)}");
                continue;
            }
            var row = rows[0];
            if (row.Regime != Regime) problems.Add($"{e.Id}: regime `{row.Regime}`, the case is about `{Regime}`");
            if (row.Status != e.Status) problems.Add($"{e.Id}: status `{row.Status}`, expected `{e.Status}` (exemption: {row.Exemption ?? "none"}; missing: [{string.Join(", ", row.MissingFacts)}])");
            if (e.Recipient is not null && row.Recipient != e.Recipient) problems.Add($"{e.Id}: recipient `{row.Recipient}`, expected `{e.Recipient}`");
            if (e.Authority is not null && row.Authority?.Name != e.Authority) problems.Add($"{e.Id}: authority `{row.Authority?.Name}`, expected `{e.Authority}`");
            if (e.HasDueAt && row.DueAt != e.DueAt) problems.Add($"{e.Id}: dueAt {Format(row.DueAt)}, expected {Format(e.DueAt)}");
            if (e.HasLegalDueAt && row.LegalDueAt != e.LegalDueAt) problems.Add($"{e.Id}: legalDueAt {Format(row.LegalDueAt)}, expected {Format(e.LegalDueAt)}");
            if (e.Exemption is not null && row.Exemption?.StartsWith(e.Exemption, StringComparison.Ordinal) != true)
                problems.Add($"{e.Id}: exemption `{row.Exemption}`, expected one starting `{e.Exemption}`");
            foreach (var m in e.Missing.Where(m => !row.MissingFacts.Contains(m))) problems.Add($"{e.Id}: `{m}` is not among the missing facts [{string.Join(", ", row.MissingFacts)}]");
            if (e.Overdue is { } overdue)
            {
                var late = row.DueAt is { } due && due < AsOf!.Value;
                if (late != overdue) problems.Add($"{e.Id}: as of {Format(AsOf)} overdue is {late}, expected {overdue} ({new ClockView(AsOf!.Value).Remaining(row.DueAt)})");
            }
        }
        return problems;
    }

    private static ExpectedObligation Expectation(Node node, string where)
    {
        if (node is not MapNode m) throw new InvalidDataException($"{where}: expected a mapping");
        Only(m, ExpectKeys, where);
        var status = Required(m, "status", where);
        if (!Statuses.Contains(status)) throw new InvalidDataException($"{where}: status `{status}` is not one of {string.Join(", ", Statuses.Order(StringComparer.Ordinal))}");
        var overdue = m.GetValue("overdue") is ScalarNode o ? NodeReader.AsBool(o) : (bool?)null;
        return new ExpectedObligation(
            Required(m, "id", where), status, m.GetString("stage"), m.GetString("recipient"), m.GetString("authority"),
            m.Get("dueAt") is not null, m.GetString("dueAt") is { } d ? Instant(d, where, "dueAt") : null,
            m.Get("legalDueAt") is not null, m.GetString("legalDueAt") is { } l ? Instant(l, where, "legalDueAt") : null,
            m.GetString("exemption"), Strings(m.GetValue("missing")), overdue);
    }

    private static void Only(MapNode m, HashSet<string> allowed, string where)
    {
        foreach (var (k, _) in m.Entries)
            if (!allowed.Contains(k.Value)) throw new InvalidDataException($"{where}: unknown key `{k.Value}` (expected one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))})");
    }

    private static string Required(MapNode m, string key, string where) =>
        m.GetString(key) ?? throw new InvalidDataException($"{where}: `{key}` is required");

    private static IReadOnlyList<string> Strings(Node? n) => n switch
    {
        ScalarNode s => [s.Value],
        SeqNode q => q.Items.OfType<ScalarNode>().Select(s => s.Value).ToList(),
        _ => [],
    };

    private static Instant Instant(string text, string where, string key) =>
        FactsLoader.TryParseInstant(text, out var i) ? i : throw new InvalidDataException($"{where}: `{key}` `{text}` is not an ISO-8601 instant with an offset");

    private static string Format(Instant? i) => i is { } v ? FactsJson.Format(v) : "null";

    private static string Show(IEnumerable<ObligationResult> rows) =>
        "[" + string.Join("; ", rows.Select(r => $"{r.Stage} {r.Status} due={Format(r.DueAt)}")) + "]";

    /// <summary>The path, for test names.</summary>
    public override string ToString() => Source;
}

/// <summary>One expected obligation row; <c>absent</c> asserts that the duty does not arise at all.</summary>
public sealed record ExpectedObligation(
    string Id, string Status, string? Stage, string? Recipient, string? Authority,
    bool HasDueAt, Instant? DueAt, bool HasLegalDueAt, Instant? LegalDueAt,
    string? Exemption, IReadOnlyList<string> Missing, bool? Overdue);
