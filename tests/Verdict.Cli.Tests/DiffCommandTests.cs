using System.Text.Json;
using Verdict.Cli.Commands;
using Verdict.Cli.Diffing;

namespace Verdict.Cli.Tests;

/// <summary><c>verdict diff</c> on two versions of the shipped bundle: what a policy change does to real decisions.</summary>
public class DiffCommandTests
{
    private static (int Code, string Output) Diff(TestPolicyCopy copy, string format = "text", string corpus = "base/examples")
    {
        var output = new StringWriter { NewLine = "\n" };
        var code = DiffCommand.Run(copy.PathOf("base"), copy.PathOf("head"), copy.PathOf(corpus), format, false, output);
        return (code, output.ToString());
    }

    /// <summary>base/ and head/ are both the shipped bundle; the test then changes head/.</summary>
    private static TestPolicyCopy BaseAndHead()
    {
        var copy = new TestPolicyCopy("base");
        TestPolicyCopy.Copy(copy.PathOf("base"), copy.PathOf("head"));
        return copy;
    }

    [Fact]
    public void Identical_bundles_change_no_decision()
    {
        using var copy = BaseAndHead();
        var (code, output) = Diff(copy);
        Assert.Equal(0, code);
        Assert.Matches(@"\n0 of \d+ incidents change: severity 0 \(up 0, down 0\), obligations \+0 -0, 0 deadlines moved", output);
        Assert.DoesNotContain("INC-", output);
    }

    [Fact]
    public void A_longer_deadline_is_reported_as_a_moved_deadline_per_incident()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        var (code, output) = Diff(copy);
        Assert.Equal(0, code);
        Assert.Contains("INC-2026-0042  ", output);
        Assert.Contains("  gdpr-art33-sa dueAt 2026-11-23T16:30Z → 2026-11-24T16:30Z\n  gdpr-art33-sa legalDueAt 2026-11-23T17:00Z → 2026-11-24T17:00Z\n", output);
        Assert.DoesNotContain("severity", output.Split("\n\n")[1]);
    }

    [Fact]
    public void A_removed_policy_removes_its_obligations()
    {
        using var copy = BaseAndHead();
        File.Delete(copy.PathOf("head/notification/eu/gdpr.yaml"));
        var (_, output) = Diff(copy);
        Assert.Contains("  - obligation gdpr-art33-sa: was supervisory-authority, required, due 2026-11-23T16:30Z\n", output);
    }

    [Fact]
    public void A_severity_change_over_a_jsonl_corpus_is_counted_up()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/severity/crm-ai.yaml", "    level: low\n", "    level: medium\n");
        copy.Write("corpus/incidents.jsonl",
            """{"id":"INC-A","timeline":{"awareAt":"2026-03-02T10:00:00Z"},"data":{"records":10,"categories":["contact"]}}""" + "\n\n" +
            """{"id":"INC-B","timeline":{"awareAt":"2026-03-02T10:00:00Z"},"data":{"records":10,"categories":["health"]}}""" + "\n" +
            "not json\n");
        var (_, output) = Diff(copy, corpus: "corpus");
        Assert.Contains("INC-A  ", output);
        Assert.Contains("incidents.jsonl:1\n  severity level low → medium\n", output);
        Assert.DoesNotContain("INC-B", output);
        Assert.Contains("skipped ", output);
        Assert.Contains("incidents.jsonl:4: ", output);
        Assert.Contains("1 of 2 incidents change: severity 1 (up 1, down 0)", output);
    }

    [Fact]
    public void An_escalation_channel_change_is_a_change()
    {
        using var copy = BaseAndHead();
        ReplaceFirstChannel(copy, "pager", "chat");
        var (_, output) = Diff(copy);
        Assert.Matches(@"  escalation step [a-z-]+: channel pager → chat\n", output);
        Assert.DoesNotMatch(@"\n0 of \d+ incidents change", output);
    }

    [Fact]
    public void An_acknowledgement_time_change_moves_the_step_due_instant()
    {
        using var copy = BaseAndHead();
        var text = File.ReadAllText(copy.PathOf("head/escalation/crm-ai-incident.yaml"));
        var at = text.IndexOf("ackWithin: PT15M", StringComparison.Ordinal);
        Assert.True(at > 0);
        File.WriteAllText(copy.PathOf("head/escalation/crm-ai-incident.yaml"), text[..at] + "ackWithin: PT20M" + text[(at + "ackWithin: PT15M".Length)..]);
        var (_, output) = Diff(copy);
        Assert.Matches(@"escalation step [a-z-]+: ackWithin PT15M → PT20M\n", output);
        Assert.Matches(@"escalation step [a-z-]+: dueAt \S+ → \S+\n", output);
    }

    [Fact]
    public void A_changed_row_text_is_not_a_severity_level_change()
    {
        using var copy = BaseAndHead();
        var text = File.ReadAllText(copy.PathOf("head/severity/crm-ai.yaml"));
        const string Old = "rationale: financial data, credentials or identity documents with unknown or untrusted recipients; SE = 3 + 0.5 (high)";
        Assert.Contains(Old, text);
        File.WriteAllText(copy.PathOf("head/severity/crm-ai.yaml"), text.Replace(Old, "rationale: financial data in unknown hands (high)"));
        var (_, output) = Diff(copy);
        Assert.DoesNotContain("severity level", output);
        Assert.DoesNotContain("severity rows", output);
        Assert.Contains("  severity reasons ", output);
        Assert.Matches(@"\n[1-9]\d* of \d+ incidents change: severity 0 ", output);
    }

    [Fact]
    public void Markdown_groups_incidents_that_change_the_same_way()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        WriteCorpus(copy, 40);
        var (_, md) = Diff(copy, "markdown", corpus: "corpus");
        Assert.StartsWith("### Verdict: decisions changed by this pull request\n", md);
        Assert.Contains("| incidents | change | examples |\n|---:|---|---|\n", md);
        // One group: the deadline moves, and the escalation steps anchored on it move with it.
        Assert.Contains("| 40 | `gdpr-art33-sa dueAt +1d`<br>`gdpr-art33-sa legalDueAt +1d`<br>", md);
        Assert.Contains(" | INC-0, INC-1, INC-2, … |\n", md);
        Assert.Contains("<details><summary>Examples</summary>", md);
    }

    [Fact]
    public void Markdown_of_a_large_corpus_stays_under_the_comment_limit_and_the_full_report_has_every_incident()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        WriteCorpus(copy, 3000);
        var full = copy.PathOf("full.md");
        var output = new StringWriter { NewLine = "\n" };
        DiffCommand.Run(new DiffOptions(copy.PathOf("base"), copy.PathOf("head"), copy.PathOf("corpus"), "markdown", false) { OutputFull = full }, output);
        var md = output.ToString();
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(md) <= DiffMarkdown.MaxBytes, $"{md.Length} bytes");
        Assert.Contains("| 3000 | ", md);
        Assert.Contains("Every incident is in `", md);
        var report = File.ReadAllText(full);
        Assert.Contains("**INC-2999**", report);
        Assert.Contains("3000 of 3000 incidents change", report);
    }

    [Fact]
    public void Groups_that_do_not_fit_the_size_limit_are_counted_and_left_to_the_full_report()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        var report = new DiffReport(BundleCache.Load(copy.PathOf("base"), new()), BundleCache.Load(copy.PathOf("head"), new()));
        foreach (var (source, load) in Corpus.Read(copy.PathOf("base/examples")))
        {
            var facts = load();
            report.Add(source, facts.Id, (report.BaseBundle.Decide(facts), null), (report.HeadBundle.Decide(facts), null));
        }
        Assert.True(report.Groups().Count >= 2);
        var cut = DiffMarkdown.Write(report, maxBytes: 1000);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(cut) <= 1000, cut);
        Assert.Matches(@"\n\d+ more groups? of changes \(\d+ incidents?\) not shown; run with `--output-full FILE` for every incident\.\n", cut);
    }

    [Fact]
    public void Json_gives_counts_and_each_change_with_its_part_subject_and_field()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        using var doc = JsonDocument.Parse(Diff(copy, "json").Output);
        var summary = doc.RootElement.GetProperty("summary");
        Assert.True(summary.GetProperty("deadlinesMoved").GetInt32() >= 1);
        Assert.Equal(0, summary.GetProperty("severityChanged").GetInt32());
        var fintech = doc.RootElement.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("incidentId").GetString() == "INC-2026-0042");
        var moved = fintech.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("subject").GetString() == "gdpr-art33-sa");
        Assert.Equal(("obligations", "dueAt", "2026-11-23T16:30Z", "2026-11-24T16:30Z"),
            (moved.GetProperty("part").GetString(), moved.GetProperty("field").GetString(), moved.GetProperty("base").GetString(), moved.GetProperty("head").GetString()));
    }

    private static void ReplaceFirstChannel(TestPolicyCopy copy, string from, string to)
    {
        var text = File.ReadAllText(copy.PathOf("head/escalation/crm-ai-incident.yaml"));
        var at = text.IndexOf($"channel: {from}", StringComparison.Ordinal);
        Assert.True(at > 0);
        File.WriteAllText(copy.PathOf("head/escalation/crm-ai-incident.yaml"), text[..at] + $"channel: {to}" + text[(at + $"channel: {from}".Length)..]);
    }

    /// <summary>A JSONL corpus of EU incidents owed a GDPR Art. 33 notice, aware at different instants.</summary>
    private static void WriteCorpus(TestPolicyCopy copy, int count)
    {
        var lines = Enumerable.Range(0, count).Select(i =>
            $$$"""{"id":"INC-{{{i}}}","timeline":{"awareAt":"2026-11-{{{10 + i % 15}}}T{{{i % 24:00}}}:00:00Z"},"organization":{"role":"controller","establishments":["DE"]},"data":{"records":{{{500 + i}}},"categories":["contact"],"subjects":{"DE":{{{500 + i}}}}},"breach":{"types":["confidentiality"],"exfiltration":"confirmed","dataHolder":"unknown-party"}}""");
        copy.Write("corpus/incidents.jsonl", string.Join("\n", lines) + "\n");
    }

    [Fact]
    public void An_invalid_head_bundle_exits_3()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/severity/crm-ai.yaml", "expression: data.records", "expression: data.recrods");
        Assert.Equal(3, Diff(copy).Code);
    }
}
