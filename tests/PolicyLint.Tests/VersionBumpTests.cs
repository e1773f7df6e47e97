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
