using Verdict.Compilation;

namespace Verdict.Lint.Tests;

/// <summary>policy-lint reports each hostile bundle of tests/hostile/ as an error at its place: never "no problems".</summary>
public class HostileBundleLintTests
{
    public static TheoryData<string, string, string, int, int> Cases => new()
    {
        // case, code, file, line, column (the same places the loader reports)
        { "lambda-deep-parens", "VD1220", "severity/hostile.yaml", 18, 44 },
        { "lambda-negations", "VD1220", "severity/hostile.yaml", 18, 28 },
        { "lambda-or-chain", "VD1220", "severity/hostile.yaml", 18, 3089 },
        { "js-deep-parens", "VD1220", "severity/hostile.yaml", 19, 60 },
        { "csharp-deep-parens", "VD1220", "severity/hostile.yaml", 19, 60 },
        { "lambda-enum-typo", "VD1221", "severity/hostile.yaml", 18, 30 },
        { "lambda-helper-typo", "VD1221", "severity/hostile.yaml", 18, 30 },
        { "bundle-limits-wrap", "VD1320", "bundle.yaml", 8, 20 },
        { "severity-score-overflow", "VD1120", "severity/crm-ai.yaml", 30, 16 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Policy_lint_reports_each_hostile_bundle_as_an_error_at_the_same_place(string name, string code, string file, int line, int column)
    {
        var result = new Linter().Lint(Path.Combine(TestPaths.Root, "tests", "hostile", name), new LintOptions { Bundle = new BundleOptions { AllowCSharp = true } });
        Assert.False(result.Clean);
        Assert.Contains(result.Findings, f => f.Code == code && f.Location!.File.Replace('\\', '/').EndsWith($"{name}/{file}", StringComparison.Ordinal)
            && (f.Location.Line, f.Location.Column) == (line, column));
    }

    [Fact]
    public void A_loader_error_in_bundle_yaml_is_a_lint_error_not_a_clean_run()
    {
        var result = new Linter().Lint(Path.Combine(TestPaths.Root, "tests", "hostile", "bundle-limits-wrap"));
        Assert.Equal(2, result.Errors);
    }
}
