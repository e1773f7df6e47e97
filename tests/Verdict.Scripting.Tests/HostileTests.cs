using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Rendering;

namespace Verdict.Scripting.Tests;

/// <summary>
/// The hostile policies under tests/hostile/: each fails with its own code, place and reason, nothing escapes, and the
/// same process then makes a normal decision.
/// </summary>
public class HostileTests
{
    public static TheoryData<string, string, int, int, string> Cases => new()
    {
        // case, code, line, column, reason (part of the message)
        { "js-infinite-loop", Codes.ScriptLimit, 21, 12, "ran more than `10000` statements" },
        { "js-deep-recursion", Codes.ScriptLimit, 21, 12, "nested calls deeper than `64`" },
        { "js-huge-string", Codes.ScriptLimit, 19, 12, "allocated more than `4194304` bytes" },
        { "js-huge-array", Codes.ScriptLimit, 19, 12, "allocated more than `4194304` bytes" },
        { "js-clock", Codes.ForbiddenMember, 19, 12, "used the clock" },
        { "js-clr-access", Codes.UnknownFactPath, 19, 12, "unknown name `importNamespace`" },
        { "csharp-file-read", Codes.ForbiddenMember, 19, 12, "`System.IO.File.ReadAllText` is not available in csharp conditions (file access)" },
        { "csharp-environment-exit", Codes.ForbiddenMember, 19, 32, "`Environment.Exit` is not available in csharp conditions (environment access)" },
        { "csharp-process-start", Codes.ForbiddenMember, 19, 12, "`System.Diagnostics.Process.Start` is not available in csharp conditions (process control)" },
        { "csharp-reflection-typeof", Codes.ForbiddenMember, 19, 12, "`typeof` is not available in csharp conditions (reflection)" },
        { "csharp-reflection-gettype", Codes.ForbiddenMember, 19, 12, "`Type.GetType` is not available in csharp conditions (reflection)" },
        { "csharp-appdomain", Codes.ForbiddenMember, 19, 12, "`AppDomain.CurrentDomain.GetAssemblies` is not available in csharp conditions (the runtime)" },
        { "csharp-engine-internals", Codes.ForbiddenMember, 19, 26, "`FactsLoader` is not available in csharp conditions" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_hostile_policy_fails_with_its_code_place_and_reason_and_the_next_decision_works(string name, string code, int line, int column, string reason)
    {
        var folder = Repo.PathOf("tests", "hostile", name);
        // csharp cases fail while loading; js cases load and give a decision whose severity failed
        IReadOnlyList<Diagnostic> diagnostics;
        try { diagnostics = Repo.Failures(ScriptLanguages.Load(folder, Repo.WithCSharp).Decide(Repo.Example())); }
        catch (VerdictException e) { diagnostics = e.Diagnostics; }

        var d = Assert.Single(diagnostics);
        Assert.Equal(code, d.Code);
        Assert.EndsWith($"hostile/{name}/severity/hostile.yaml", d.Location!.File.Replace('\\', '/'));
        Assert.Equal((line, column), (d.Location.Line, d.Location.Column));
        Assert.Contains(reason, d.Message);
        Assert.NotNull(d.Help);

        var normal = ScriptLanguages.Load(Repo.PathOf("tests", "equivalence", "js"), Repo.WithCSharp).Decide(Repo.Example());
        Assert.Equal("critical", normal.Severity.Level);
        var shipped = ScriptLanguages.Load(Repo.Policies).Decide(Repo.Example());
        Assert.NotEqual("indeterminate", shipped.Severity.Level);
    }

    [Fact]
    public void A_js_policy_that_broke_a_limit_fails_the_same_way_again_and_its_thread_keeps_deciding()
    {
        var bundle = ScriptLanguages.Load(Repo.PathOf("tests", "hostile", "js-infinite-loop"));
        var first = Repo.Failures(bundle.Decide(Repo.Example()));
        var second = Repo.Failures(bundle.Decide(Repo.Example()));
        Assert.Equal(first[0].ToString(), second[0].ToString());
        var ok = ScriptLanguages.Load(Repo.PathOf("tests", "equivalence", "js")).Decide(Repo.Example());
        Assert.Equal("critical", ok.Severity.Level);
    }

    [Fact]
    public void Csharp_policies_are_refused_without_the_opt_in()
    {
        var error = Assert.Throws<VerdictException>(() => ScriptLanguages.Load(Repo.PathOf("tests", "equivalence", "csharp")));
        Assert.Equal(Codes.UnknownLanguage, Assert.Single(error.Diagnostics).Code);
        Assert.Contains("--allow-csharp", error.Diagnostics[0].Help);
    }

    [Fact]
    public void A_hostile_js_decision_leaves_no_output_behind_in_the_rendered_error()
    {
        var bundle = ScriptLanguages.Load(Repo.PathOf("tests", "hostile", "js-huge-string"));
        var error = Repo.Failures(bundle.Decide(Repo.Example()));
        Assert.DoesNotContain("Exception", error[0].ToString());
        Assert.DoesNotContain("Jint", error[0].ToString());
        _ = DecisionJson.Write(ScriptLanguages.Load(Repo.Policies).Decide(Repo.Example()));
    }
}
