using Verdict.Lint.Output;

namespace Verdict.Lint.Tests;

/// <summary>
/// One deliberately broken bundle per rule under <c>cases/CODE-name/</c>; each <c>expected.txt</c> holds the exact text
/// output (rule, file, line, column, message, help) with paths relative to the case folder.
/// </summary>
public class LintCaseTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.GetDirectories(TestPaths.Cases).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(dir));
        return data;
    }

    internal static string Lint(string dir, LintOptions? options = null) =>
        TextFormatter.Write(new Linter().Lint(dir, options)).Replace(dir.Replace('\\', '/') + "/", "");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Broken_bundle_reports_exactly_the_expected_findings(string name)
    {
        var dir = Path.Combine(TestPaths.Cases, name);
        TestPaths.MatchesApproved(Path.Combine(dir, "expected.txt"), Lint(dir));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_case_is_caught_by_the_rule_it_is_named_after(string name)
    {
        var code = name[..6];
        var findings = new Linter().Lint(Path.Combine(TestPaths.Cases, name)).Findings;
        Assert.Contains(findings, f => f.Code == code);
        Assert.All(findings, f => Assert.NotNull(f.Location));
    }

    [Fact]
    public void Every_lint_rule_has_a_broken_bundle()
    {
        var covered = Directory.GetDirectories(TestPaths.Cases).Select(d => Path.GetFileName(d)[..6]).ToHashSet();
        // VD1606 and VD1612 need a git history: VersionBumpTests covers them.
        var lintRules = RuleCatalog.All.Where(r => r.Id.StartsWith("VD16", StringComparison.Ordinal) && r.Id is not ("VD1606" or "VD1612")).Select(r => r.Id);
        Assert.Equal([], lintRules.Where(r => !covered.Contains(r)).ToList());
    }
}
