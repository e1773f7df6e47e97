using System.Diagnostics;

namespace Verdict.Lint.Tests;

/// <summary><c>--base REF</c>: a policy whose content changed since REF must carry a new version.</summary>
public class VersionBumpTests
{
    private static void Git(string dir, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        p.StandardOutput.ReadToEnd();
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"git {string.Join(' ', args)}: {err}");
    }

    private static TempCopy Repository()
    {
        var repo = new TempCopy(Path.Combine(TestPaths.Cases, "VD1602-table-gap"));
        // A second policy, so that removing the matrix leaves a bundle that still holds one.
        Directory.CreateDirectory(Path.Combine(repo.Dir, "calendars"));
        File.Copy(Path.Combine(TestPaths.Policies, "calendars", "weekdays.yaml"), Path.Combine(repo.Dir, "calendars", "weekdays.yaml"));
        Git(repo.Dir, "init", "-q");
        Git(repo.Dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "add", "-A");
        Git(repo.Dir, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "base");
        return repo;
    }

    [Fact]
    public void Changed_policy_without_a_version_bump_is_an_error_at_its_version()
    {
        using var repo = Repository();
        repo.Replace("severity/matrix.yaml", "level: medium", "level: high");
        var text = LintCaseTests.Lint(repo.Dir, new LintOptions { BaseRef = "HEAD" });
        Assert.Contains("severity/matrix.yaml:4:10: error VD1606: `severity/case@1.0.0` changed since `HEAD` but its version did not\n" +
                        "  help: bump `version` (e.g. to `1.0.1`) so decisions cite the rule that made them\n", text);
    }

    [Fact]
    public void Layout_and_comment_changes_or_a_bumped_version_are_not_reported()
    {
        using var repo = Repository();
        repo.Replace("severity/matrix.yaml", "hitPolicy: first", "# reformatted\nhitPolicy:   first");
        Assert.DoesNotContain("VD1606", LintCaseTests.Lint(repo.Dir, new LintOptions { BaseRef = "HEAD" }));
        repo.Replace("severity/matrix.yaml", "level: medium", "level: high");
        repo.Replace("severity/matrix.yaml", "version: 1.0.0", "version: 1.1.0");
        Assert.DoesNotContain("VD1606", LintCaseTests.Lint(repo.Dir, new LintOptions { BaseRef = "HEAD" }));
    }

    [Fact]
    public void A_version_that_goes_down_with_a_content_change_is_an_error()
    {
        using var repo = Repository();
        repo.Replace("severity/matrix.yaml", "level: medium", "level: high");
        repo.Replace("severity/matrix.yaml", "version: 1.0.0", "version: 0.9.0");
        repo.Replace("bundle.yaml", "version: 1.0.0", "version: 1.0.1");
        var text = LintCaseTests.Lint(repo.Dir, new LintOptions { BaseRef = "HEAD" });
        Assert.Contains("severity/matrix.yaml:4:10: error VD1606: `severity/case` changed since `HEAD` but its version went from `1.0.0` to `0.9.0`, not up\n" +
                        "  help: set `version` above `1.0.0` (e.g. `1.0.1`): a version names one content, and a later change needs a higher one\n", text);
    }

    [Fact]
    public void A_pre_release_of_the_same_version_is_lower_and_fails()
    {
        using var repo = Repository();
        repo.Replace("severity/matrix.yaml", "level: medium", "level: high");
        repo.Replace("severity/matrix.yaml", "version: 1.0.0", "version: 1.0.0-rc.1");
        Assert.Contains("went from `1.0.0` to `1.0.0-rc.1`, not up", LintCaseTests.Lint(repo.Dir, new LintOptions { BaseRef = "HEAD" }));
    }

    [Fact]
    public void A_changed_policy_needs_a_higher_bundle_version()
    {
        using var repo = Repository();
        repo.Replace("severity/matrix.yaml", "level: medium", "level: high");
        repo.Replace("severity/matrix.yaml", "version: 1.0.0", "version: 1.1.0");
        var text = LintCaseTests.Lint(repo.Dir, new LintOptions { BaseRef = "HEAD" });
        Assert.Matches(@"bundle\.yaml:\d+:\d+: error VD1612: the bundle changed since `HEAD` but its version went from `1\.0\.0` to `1\.0\.0`, not up\n" +
                       @"  help: raise the bundle `version` \(e\.g\. to `1\.0\.1`\): every decision names the bundle version that made it\n", text);
        repo.Replace("bundle.yaml", "version: 1.0.0", "version: 1.1.0");
        Assert.DoesNotContain("VD1612", LintCaseTests.Lint(repo.Dir, new LintOptions { BaseRef = "HEAD" }));
    }

    [Fact]
    public void A_changed_manifest_needs_a_higher_bundle_version()
    {
        using var repo = Repository();
        repo.Replace("bundle.yaml", "name: ", "description: changed\nname: ");
        Assert.Contains("error VD1612", LintCaseTests.Lint(repo.Dir, new LintOptions { BaseRef = "HEAD" }));
    }

    [Fact]
    public void A_removed_policy_needs_a_higher_bundle_version()
    {
        using var repo = Repository();
        File.Delete(Path.Combine(repo.Dir, "severity/matrix.yaml"));
        Assert.Contains("error VD1612", LintCaseTests.Lint(repo.Dir, new LintOptions { BaseRef = "HEAD" }));
    }

    [Theory]
    [InlineData("1.0.0", "1.0.1", -1)]
    [InlineData("1.10.0", "1.9.0", 1)]
    [InlineData("2026.11.0", "2026.11.0", 0)]
    [InlineData("1.0.0-rc.1", "1.0.0", -1)]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1", -1)]
    [InlineData("1.0.0-alpha.beta", "1.0.0-beta", -1)]
    [InlineData("1.0.0+build.7", "1.0.0", 0)]
    public void Versions_compare_by_semver_precedence(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(Rules.SemVer.Compare(a, b)));

    [Fact]
    public void An_unknown_revision_is_a_usage_error()
    {
        using var repo = Repository();
        var e = Assert.Throws<LintUsageException>(() => new Linter().Lint(repo.Dir, new LintOptions { BaseRef = "no-such-branch" }));
        Assert.Equal("git revision `no-such-branch` does not exist here", e.Message);
    }

    [Theory]
    [InlineData("1.2.3", "1.2.4")]
    [InlineData("2.0.0-rc.1", "2.0.1")]
    public void Next_patch_version_is_suggested(string version, string next) =>
        Assert.Equal(next, Rules.VersionBumpRules.NextPatch(version));
}
