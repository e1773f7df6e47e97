using Verdict.Diagnostics;

namespace Verdict.Lint.Tests;

/// <summary>The linter keeps reporting when parts of the bundle are broken.</summary>
public class LinterTests
{
    [Fact]
    public void Table_analysis_still_runs_when_another_policy_does_not_compile()
    {
        using var copy = new TempCopy(Path.Combine(TestPaths.Project, "snapshot-bundle"));
        copy.Replace("notification/nis2.yaml", "regime: nis2", "regime: nis3");
        var codes = new Linter().Lint(copy.Dir).Findings.Select(f => f.Code).ToList();
        Assert.Contains(Codes.UnknownVocabulary, codes);
        Assert.Contains(Codes.TableGap, codes);
        Assert.Contains(Codes.RowShadowed, codes);
    }

    [Fact]
    public void A_file_the_yaml_parser_chokes_on_is_named_as_a_syntax_error()
    {
        using var copy = new TempCopy(Path.Combine(TestPaths.Cases, "VD1602-table-gap"));
        File.WriteAllText(copy.PathOf("severity/matrix.yaml"), "a: [ { b: c }\nrows:\n  - x");
        var finding = Assert.Single(new Linter().Lint(copy.Dir).Findings);
        Assert.Equal(Codes.Syntax, finding.Code);
        Assert.EndsWith("severity/matrix.yaml", finding.Location!.File);
    }

    [Fact]
    public void Findings_are_ordered_by_file_line_and_column()
    {
        var findings = new Linter().Lint(Path.Combine(TestPaths.Project, "snapshot-bundle")).Findings;
        var keys = findings.Select(f => (f.Location!.File, f.Location.Line, f.Location.Column)).ToList();
        Assert.Equal(keys.OrderBy(k => k.File, StringComparer.Ordinal).ThenBy(k => k.Line).ThenBy(k => k.Column), keys);
    }
}
