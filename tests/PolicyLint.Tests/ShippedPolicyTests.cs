using Verdict.Diagnostics;

namespace Verdict.Lint.Tests;

/// <summary>The shipped bundle is what users copy: it must lint without errors (warnings are reported, not fatal).</summary>
public class ShippedPolicyTests
{
    [Fact]
    public void Shipped_policies_lint_without_errors()
    {
        var result = new Linter().Lint(TestPaths.Policies);
        Assert.True(result.Files > 10, "the shipped bundle was not read");
        Assert.Equal([], result.Findings.Where(f => f.Severity == DiagnosticSeverity.Error).Select(f => f.ToString()).ToList());
    }

    [Fact]
    public void Shipped_severity_matrix_has_no_gap_overlap_or_dead_row()
    {
        var result = new Linter().Lint(TestPaths.Policies);
        Assert.DoesNotContain(result.Findings, f => f.Code is "VD1601" or "VD1602" or "VD1603" or "VD1604");
    }
}
