using Verdict.Cli.Commands;

namespace Verdict.Cli.Tests;

/// <summary>A copy of the shipped policy folder in a temporary directory, for tests of <c>verdict test</c> and <c>verdict diff</c>.</summary>
internal sealed class TestPolicyCopy : IDisposable
{
    public static string Root { get; } = FindRoot();

    public string Dir { get; } = Directory.CreateTempSubdirectory("verdict-cli-").FullName;

    /// <summary>Copies <c>policies/</c> to <c>Dir/name</c>.</summary>
    public TestPolicyCopy(string name = "policies") => Copy(Path.Combine(Root, "policies"), Path.Combine(Dir, name));

    public string PathOf(string relative) => Path.Combine(Dir, relative);

    public static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Replaces text in a file; a missing text fails the test rather than silently testing nothing.</summary>
    public void Replace(string relative, string from, string to)
    {
        var text = File.ReadAllText(PathOf(relative));
        Assert.Contains(from, text);
        File.WriteAllText(PathOf(relative), text.Replace(from, to));
    }

    public void Write(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Packages.props"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}

/// <summary><c>verdict test</c>: approvals, unified diffs, <c>--accept</c>, partial expectations and coverage.</summary>
public class TestCommandTests
{
    private const string Fintech = "policies/examples/fintech-credit-risk-sync";

    private static (int Code, string Output) Test(string dir, bool accept = false, bool coverage = false, string? policies = null,
        bool exact = false, string format = "text", bool quiet = false)
    {
        var output = new StringWriter { NewLine = "\n" };
        var code = TestCommand.Run(new TestOptions(dir, policies, accept, coverage, false) { Exact = exact, Format = format, Quiet = quiet }, output);
        return (code, output.ToString());
    }

    /// <summary>A bundle copy whose only case is the fintech example, with a fresh approval.</summary>
    private static TestPolicyCopy OneApprovedCase()
    {
        var copy = new TestPolicyCopy();
        foreach (var f in Directory.GetFiles(copy.PathOf("policies/examples")))
            if (!Path.GetFileName(f).StartsWith("fintech-credit-risk-sync.", StringComparison.Ordinal)) File.Delete(f);
        File.Delete(copy.PathOf(Fintech + ".decision.json"));
        Assert.Equal(0, Test(copy.PathOf("policies"), accept: true).Code);
        return copy;
    }

    [Fact]
    public void Accept_writes_the_approval_and_the_next_run_passes()
    {
        using var copy = OneApprovedCase();
        Assert.True(File.Exists(copy.PathOf(Fintech + ".decision.json")));
        var (code, output) = Test(copy.PathOf("policies"));
        Assert.Equal(0, code);
        Assert.EndsWith("1 passed, 0 failed\n", output);
    }

    [Fact]
    public void A_changed_deadline_fails_with_one_line_per_changed_field()
    {
        using var copy = OneApprovedCase();
        copy.Replace("policies/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        var (code, output) = Test(copy.PathOf("policies"));
        Assert.Equal(1, code);
        Assert.Contains("FAIL  ", output);
        Assert.Contains("\n  gdpr-art33-sa dueAt 2026-11-23T16:30Z → 2026-11-24T16:30Z\n  gdpr-art33-sa legalDueAt 2026-11-23T17:00Z → 2026-11-24T17:00Z\n", output);
        Assert.DoesNotContain("digest", output);
        Assert.EndsWith("0 passed, 1 failed\n", output);
    }

    [Fact]
    public void The_failure_names_the_command_that_accepts_the_case()
    {
        using var copy = OneApprovedCase();
        copy.Replace("policies/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        var (_, output) = Test(copy.PathOf("policies"));
        Assert.Matches(@"help: if these changes are intended, accept with `verdict test \S*fintech-credit-risk-sync\.yaml --accept`", output);
        Assert.Matches(@"help: review the changes above; accept them all with `verdict test \S*policies --accept`", output);
    }

    [Fact]
    public void Accept_rewrites_a_changed_approval_and_the_next_run_passes()
    {
        using var copy = OneApprovedCase();
        copy.Replace("policies/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        var (code, output) = Test(copy.PathOf("policies"), accept: true);
        Assert.Equal(0, code);
        Assert.Contains("accepted ", output);
        Assert.Contains("\"dueAt\": \"2026-11-24T16:30:00Z\"", File.ReadAllText(copy.PathOf(Fintech + ".decision.json")));
        Assert.Equal(0, Test(copy.PathOf("policies")).Code);
    }

    [Fact]
    public void A_change_of_the_bundle_digest_alone_passes_and_leaves_the_approval_untouched()
    {
        using var copy = OneApprovedCase();
        var before = File.ReadAllText(copy.PathOf(Fintech + ".decision.json"));
        // A new bundle version changes the bundle digest and every decision id, and no decision.
        copy.Replace("policies/bundle.yaml", "version: 2026.11.0", "version: 2026.11.1");
        var (code, output) = Test(copy.PathOf("policies"), accept: true);
        Assert.Equal(0, code);
        Assert.DoesNotContain("accepted", output);
        Assert.Equal(before, File.ReadAllText(copy.PathOf(Fintech + ".decision.json")));
    }

    [Fact]
    public void Exact_compares_the_bundle_version_digest_and_decision_id()
    {
        using var copy = OneApprovedCase();
        copy.Replace("policies/bundle.yaml", "version: 2026.11.0", "version: 2026.11.1");
        var (code, output) = Test(copy.PathOf("policies"), exact: true);
        Assert.Equal(1, code);
        Assert.Contains("  decisionId sha256:", output);
        Assert.Contains("  bundle version 2026.11.0 → 2026.11.1\n", output);
        Assert.Contains("  bundle digest sha256:", output);
        Assert.Contains("--exact --accept`", output);
    }

    [Fact]
    public void A_policy_version_bump_alone_is_identity_not_a_change()
    {
        using var copy = OneApprovedCase();
        var version = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(copy.PathOf("policies/notification/eu/gdpr.yaml")), @"\nversion: (\S+)\n").Groups[1].Value;
        copy.Replace("policies/notification/eu/gdpr.yaml", $"\nversion: {version}\n", "\nversion: 9.9.9\n");
        Assert.Equal(0, Test(copy.PathOf("policies")).Code);
        Assert.Contains("notification/eu/gdpr@9.9.9", Test(copy.PathOf("policies"), exact: true).Output);
    }

    [Fact]
    public void A_new_case_without_an_approval_fails_with_the_command_that_creates_it()
    {
        using var copy = OneApprovedCase();
        File.Copy(copy.PathOf(Fintech + ".yaml"), copy.PathOf("policies/examples/new-case.yaml"));
        var (code, output) = Test(copy.PathOf("policies"));
        Assert.Equal(1, code);
        Assert.Contains("no approved decision `", output);
        Assert.Matches(@"help: create it with `verdict test \S*policies/examples/new-case\.yaml --accept` and review it", output);
        Assert.EndsWith("1 passed, 1 failed\n", output);
    }

    [Fact]
    public void An_approval_that_is_not_json_fails_with_its_place()
    {
        using var copy = OneApprovedCase();
        File.WriteAllText(copy.PathOf(Fintech + ".decision.json"), "{\n  \"decisionId\": \n");
        var (code, output) = Test(copy.PathOf("policies"));
        Assert.Equal(1, code);
        Assert.Matches(@"fintech-credit-risk-sync\.decision\.json:\d+:\d+: the approved decision is not valid JSON", output);
    }

    [Fact]
    public void Quiet_prints_only_failures_and_the_totals()
    {
        using var copy = OneApprovedCase();
        File.Copy(copy.PathOf(Fintech + ".yaml"), copy.PathOf("policies/examples/new-case.yaml"));
        var (_, output) = Test(copy.PathOf("policies"), quiet: true);
        Assert.DoesNotContain("ok    ", output);
        Assert.Contains("FAIL  ", output);
        Assert.EndsWith("1 passed, 1 failed\n", output);
    }

    [Fact]
    public void Json_reports_each_case_with_its_status_and_changes_and_nothing_else()
    {
        using var copy = OneApprovedCase();
        copy.Replace("policies/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        var (code, output) = Test(copy.PathOf("policies"), format: "json");
        Assert.Equal(1, code);
        using var doc = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("failed").GetInt32());
        var c = doc.RootElement.GetProperty("cases")[0];
        Assert.Equal("failed", c.GetProperty("status").GetString());
        var change = c.GetProperty("changes")[0];
        Assert.Equal(("obligations", "gdpr-art33-sa", "dueAt"), (change.GetProperty("part").GetString(), change.GetProperty("subject").GetString(), change.GetProperty("field").GetString()));
    }

    [Fact]
    public void Junit_is_valid_xml_with_one_testcase_per_case_and_a_failure_for_each_failed_one()
    {
        using var copy = OneApprovedCase();
        File.Copy(copy.PathOf(Fintech + ".yaml"), copy.PathOf("policies/examples/new-case.yaml"));
        var (code, output) = Test(copy.PathOf("policies"), format: "junit");
        Assert.Equal(1, code);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", output);
        var xml = System.Xml.Linq.XDocument.Parse(output);
        var suite = xml.Root!.Element("testsuite")!;
        Assert.Equal(("2", "1"), (suite.Attribute("tests")!.Value, suite.Attribute("failures")!.Value));
        var failed = suite.Elements("testcase").Single(t => t.Element("failure") is not null);
        Assert.Equal("new-case.yaml", failed.Attribute("name")!.Value);
        Assert.StartsWith("no approved decision", failed.Element("failure")!.Attribute("message")!.Value);
    }

    [Fact]
    public void Partial_expectations_name_what_differs_and_where()
    {
        using var copy = OneApprovedCase();
        copy.Write(Fintech + ".expect.yaml", """
            severity: low
            obligations:
              gdpr-art33-sa: { dueAt: 2026-11-23T16:30:00Z, status: required }
              hipaa-hhs-500: absent
            actions: [revoke-oauth-tokens]
            """);
        var (code, output) = Test(copy.PathOf("policies"));
        Assert.Equal(1, code);
        Assert.Contains("fintech-credit-risk-sync.expect.yaml:1:1: expected severity `low`, got `critical`", output);
        Assert.Contains("fintech-credit-risk-sync.expect.yaml:5:1: expected actions to start [revoke-oauth-tokens], got [preserve-event-logs", output);
        Assert.DoesNotContain("gdpr-art33-sa", output);
        Assert.DoesNotContain("hipaa", output);
    }

    [Fact]
    public void Expectations_that_hold_pass_even_when_unrelated_parts_change()
    {
        using var copy = OneApprovedCase();
        File.Delete(copy.PathOf(Fintech + ".decision.json"));
        copy.Write(Fintech + ".expect.yaml", """
            severity: { level: critical, rows: [financial-exposed] }
            obligations:
              gdpr-art33-sa/single: { dueAt: "2026-11-23T17:30:00+01:00", legalDueAt: 2026-11-23T17:00:00Z }
            actions: [preserve-event-logs]
            """);
        // Without an approval the case is still run for its expectations, and reports the missing approval.
        var (code, output) = Test(copy.PathOf("policies"));
        Assert.Equal(1, code);
        Assert.Contains("no approved decision", output);
        Assert.DoesNotContain("expected", output);
    }

    [Fact]
    public void An_unreadable_expectations_file_fails_the_case()
    {
        using var copy = OneApprovedCase();
        copy.Write(Fintech + ".expect.yaml", "severity: [high\n");
        var (code, output) = Test(copy.PathOf("policies"));
        Assert.Equal(1, code);
        Assert.Contains("fintech-credit-risk-sync.expect.yaml:", output);
        Assert.Contains("error VD1003", output);
    }

    [Fact]
    public void Coverage_lists_rules_no_case_exercises_with_their_place()
    {
        using var copy = OneApprovedCase();
        var (_, output) = Test(copy.PathOf("policies"), coverage: true);
        Assert.Matches(@"coverage: .*\d+/\d+ severity rows", output);
        Assert.Contains("not exercised by any case:\n", output);
        Assert.Matches(@"policies/severity/crm-ai\.yaml:\d+:5: severity row `simple` \(severity/crm-ai@", output);
        Assert.DoesNotContain("severity row `financial-exposed`", output);
    }

    [Fact]
    public void A_case_finds_the_nearest_bundle_above_it_or_reports_none()
    {
        using var copy = OneApprovedCase();
        Directory.CreateDirectory(copy.PathOf("policies/tests/nested"));
        File.Copy(copy.PathOf(Fintech + ".yaml"), copy.PathOf("policies/tests/nested/case.yaml"));
        File.Copy(copy.PathOf(Fintech + ".decision.json"), copy.PathOf("policies/tests/nested/case.decision.json"));
        Assert.Equal((0, true), Test(copy.PathOf("policies/tests")) is var r ? (r.Code, r.Output.EndsWith("1 passed, 0 failed\n")) : default);

        Directory.CreateDirectory(copy.PathOf("elsewhere"));
        File.Copy(copy.PathOf(Fintech + ".yaml"), copy.PathOf("elsewhere/case.yaml"));
        File.Copy(copy.PathOf(Fintech + ".decision.json"), copy.PathOf("elsewhere/case.decision.json"));
        var (code, output) = Test(copy.PathOf("elsewhere"));
        Assert.Equal(1, code);
        Assert.Contains("no bundle.yaml in any folder above", output);
        Assert.Equal(0, Test(copy.PathOf("elsewhere"), policies: copy.PathOf("policies")).Code);
    }

    [Fact]
    public void A_missing_folder_is_a_usage_error() => Assert.Equal(ExitCodes.Usage, Test("/no/such/folder").Code);
}
