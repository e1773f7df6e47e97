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

    private static (int Code, string Output) Test(string dir, bool accept = false, bool coverage = false, string? policies = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var code = TestCommand.Run(new TestOptions(dir, policies, accept, coverage, false), output);
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
    public void A_changed_decision_fails_with_a_unified_diff_of_the_decision_json()
    {
        using var copy = OneApprovedCase();
        copy.Replace("policies/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
        var (code, output) = Test(copy.PathOf("policies"));
        Assert.Equal(1, code);
        Assert.Contains("FAIL  ", output);
        Assert.Contains(".decision.json (approved)\n  +++ ", output);
        Assert.Contains("  -      \"dueAt\": \"2026-11-23T16:30:00Z\",\n", output);
        Assert.Contains("  +      \"dueAt\": \"2026-11-24T16:30:00Z\",\n", output);
        Assert.Matches(@"\n  @@ -\d+,\d+ \+\d+,\d+ @@\n", output);
        Assert.EndsWith("0 passed, 1 failed\n", output);

        Assert.Equal(0, Test(copy.PathOf("policies"), accept: true).Code);
        Assert.Equal(0, Test(copy.PathOf("policies")).Code);
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

    [Fact]
    public void Unified_diff_shows_changed_lines_with_three_lines_of_context()
    {
        var a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n";
        var b = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n10\n";
        Assert.Equal("--- a\n+++ b\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n", UnifiedDiff.Write(a, b, "a", "b"));
    }

    [Fact]
    public void Unified_diff_of_an_insertion_at_the_start_and_a_deletion_at_the_end()
    {
        Assert.Equal("--- a\n+++ b\n@@ -1,3 +1,4 @@\n+0\n x\n y\n z\n@@ -7,4 +8,3 @@\n n\n p\n q\n-r\n",
            UnifiedDiff.Write("x\ny\nz\nk\nl\nm\nn\np\nq\nr", "0\nx\ny\nz\nk\nl\nm\nn\np\nq", "a", "b"));
    }
}
