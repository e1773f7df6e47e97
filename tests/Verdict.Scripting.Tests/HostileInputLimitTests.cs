using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Model;

namespace Verdict.Scripting.Tests;

/// <summary>
/// The hostile bundles of issues 12 and 13 under tests/hostile/: each is a located error from the loader that
/// `verdict decide`, `verdict test` and hot reload use, and the same error from policy-lint — never a crash, a hang or
/// a clean lint (see PolicyLint.Tests' HostileBundleLintTests).
/// </summary>
public class HostileInputLimitTests
{
    public static TheoryData<string, string, string, int, int> Cases => new()
    {
        // case, code, file, line, column
        { "lambda-deep-parens", Codes.ExpressionTooComplex, "severity/hostile.yaml", 18, 44 },
        { "lambda-negations", Codes.ExpressionTooComplex, "severity/hostile.yaml", 18, 28 },
        { "lambda-or-chain", Codes.ExpressionTooComplex, "severity/hostile.yaml", 18, 3089 },
        { "js-deep-parens", Codes.ExpressionTooComplex, "severity/hostile.yaml", 19, 60 },
        { "csharp-deep-parens", Codes.ExpressionTooComplex, "severity/hostile.yaml", 19, 60 },
        { "lambda-enum-typo", Codes.UnknownEnumValue, "severity/hostile.yaml", 18, 30 },
        { "lambda-helper-typo", Codes.UnknownEnumValue, "severity/hostile.yaml", 18, 30 },
        { "bundle-limits-wrap", Codes.BadLimit, "bundle.yaml", 8, 20 },
        { "severity-score-overflow", Codes.NumberOutOfRange, "severity/crm-ai.yaml", 30, 16 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_hostile_bundle_is_a_located_load_error(string name, string code, string file, int line, int column)
    {
        var error = Assert.Throws<VerdictException>(() => ScriptLanguages.Load(Repo.PathOf("tests", "hostile", name), Repo.WithCSharp));
        var d = error.Diagnostics[0];
        Assert.Equal(code, d.Code);
        Assert.EndsWith($"hostile/{name}/{file}", d.Location!.File.Replace('\\', '/'));
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.NotNull(d.Help);
    }

    [Fact]
    public void Script_limits_that_would_wrap_around_are_each_refused()
    {
        var error = Assert.Throws<VerdictException>(() => ScriptLanguages.Load(Repo.PathOf("tests", "hostile", "bundle-limits-wrap")));
        Assert.Equal(["`limits.jsMaxStatements` is `4294967296`, expected a whole number from 1 to 10000000",
            "`limits.jsTimeoutMs` is `2147483648`, expected a whole number from 1 to 60000"], error.Diagnostics.Select(d => d.Message));
    }

    [Fact]
    public void The_host_ceiling_caps_the_limits_a_bundle_asks_for()
    {
        using var b = new TempBundle("js", "(() => { let i = 0; while (i < 5000) i++; return true; })()", limits: "limits:\n  jsMaxStatements: 1000000\n");
        var options = Repo.WithCSharp with { ScriptCeiling = ScriptLimits.Ceiling with { MaxStatements = 1000 } };
        var bundle = ScriptLanguages.Load(b.Dir, options);
        var d = Assert.Single(Repo.Failures(bundle.Decide(Repo.Example())));
        Assert.Equal(Codes.ScriptLimit, d.Code);
        Assert.Contains("ran more than `1000` statements", d.Message);
    }

    [Fact]
    public void The_wall_clock_safety_net_fails_the_request_and_never_becomes_a_decision_error()
    {
        using var b = new TempBundle("js", "(() => { let i = 0; while (i < 5000000) i++; return true; })()", limits: "limits:\n  jsMaxStatements: 10000000\n");
        var options = Repo.WithCSharp with { ScriptCeiling = ScriptLimits.Ceiling with { TimeoutMs = 1 } };
        var bundle = ScriptLanguages.Load(b.Dir, options);
        Assert.Throws<ScriptSafetyNetException>(() => bundle.Decide(Repo.Example()));
    }
}
