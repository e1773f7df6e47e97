using Verdict.Lint.Output;

namespace Verdict.Lint.Tests;

/// <summary>
/// The text, JSON and SARIF reports of one broken bundle, compared with approved files in <c>Snapshots/</c>
/// (rewrite them with VERDICT_ACCEPT=1 and review the diff).
/// </summary>
public class SnapshotTests
{
    private static readonly string Bundle = Path.Combine(TestPaths.Project, "snapshot-bundle");
    private static readonly Lazy<LintResult> Result = new(() => new Linter().Lint(Bundle));

    private static string Approved(string name) => Path.Combine(TestPaths.Project, "Snapshots", name);

    private static string Relative(string text) => text.Replace(TestPaths.Project.Replace('\\', '/') + "/", "");

    [Fact]
    public void Text_report_matches_the_approved_snapshot() =>
        TestPaths.MatchesApproved(Approved("lint.txt"), Relative(TextFormatter.Write(Result.Value)));

    [Fact]
    public void Json_report_matches_the_approved_snapshot() =>
        TestPaths.MatchesApproved(Approved("lint.json"), Relative(JsonFormatter.Write(Result.Value)));

    [Fact]
    public void Sarif_report_matches_the_approved_snapshot() =>
        TestPaths.MatchesApproved(Approved("lint.sarif"), SarifFormatter.Write(Result.Value, TestPaths.Project));

    [Fact]
    public void Summary_counts_errors_and_warnings() =>
        Assert.Equal("policy-lint: snapshot-bundle: 2 errors, 3 warnings in 4 files",
            Relative(TextFormatter.Summary(Result.Value)));
}
