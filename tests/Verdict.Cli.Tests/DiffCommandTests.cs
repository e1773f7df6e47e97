using System.Text.Json;
using Verdict.Cli.Commands;

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
    }

    [Fact]
    public void A_longer_deadline_is_reported_as_a_moved_deadline_per_incident()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        var (code, output) = Diff(copy);
        Assert.Equal(0, code);
        Assert.Contains("INC-2026-0042  ", output);
        Assert.Contains("  ~ obligation gdpr-art33-sa [single]: due 2026-11-23T16:30:00Z (legal 2026-11-23T17:00:00Z) → due 2026-11-24T16:30:00Z (legal 2026-11-24T17:00:00Z)\n", output);
        Assert.DoesNotContain("severity:", output.Split("\n\n")[1]);
    }

    [Fact]
    public void A_removed_policy_removes_its_obligations()
    {
        using var copy = BaseAndHead();
        File.Delete(copy.PathOf("head/notification/eu/gdpr.yaml"));
        var (_, output) = Diff(copy);
        Assert.Contains("  - obligation gdpr-art33-sa [single]: was required, due 2026-11-23T16:30:00Z (legal 2026-11-23T17:00:00Z)\n", output);
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
        Assert.Contains("incidents.jsonl:1\n  severity: low → medium\n", output);
        Assert.DoesNotContain("INC-B", output);
        Assert.Contains("skipped ", output);
        Assert.Contains("incidents.jsonl:4: ", output);
        Assert.Contains("1 of 2 incidents change: severity 1 (up 1, down 0)", output);
    }

    [Fact]
    public void Markdown_is_a_pull_request_comment_with_a_table_and_details()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        var (_, md) = Diff(copy, "markdown");
        Assert.StartsWith("### Verdict: decisions changed by this pull request\n", md);
        Assert.Contains("| incident | severity | obligations | escalation / actions |\n|---|---|---|---|\n", md);
        Assert.Contains("`gdpr-art33-sa` single: deadline moved", md);
        Assert.Contains("<details><summary>Details</summary>", md);
        Assert.Contains("```diff\n", md);
    }

    [Fact]
    public void Json_gives_counts_and_each_changed_obligation()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        using var doc = JsonDocument.Parse(Diff(copy, "json").Output);
        var summary = doc.RootElement.GetProperty("summary");
        Assert.True(summary.GetProperty("deadlinesMoved").GetInt32() >= 1);
        Assert.Equal(0, summary.GetProperty("severityChanged").GetInt32());
        var fintech = doc.RootElement.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("incidentId").GetString() == "INC-2026-0042");
        var moved = fintech.GetProperty("obligations").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "gdpr-art33-sa");
        Assert.Equal("moved", moved.GetProperty("change").GetString());
    }

    [Fact]
    public void An_invalid_head_bundle_exits_3()
    {
        using var copy = BaseAndHead();
        copy.Replace("head/severity/crm-ai.yaml", "expression: data.records", "expression: data.recrods");
        Assert.Equal(3, Diff(copy).Code);
    }
}
