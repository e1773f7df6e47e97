using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Scripting.Tests;

/// <summary>The js language: checks at load, three-valued results, read-only facts, functions and the sandbox.</summary>
public class JsLanguageTests
{
    private static Decisions.Decision Decide(TempBundle b, IncidentFacts? facts = null) => b.Load().Decide(facts ?? Repo.Example());

    private static IncidentFacts Facts(string yaml) => FactsLoader.LoadText("id: T-1\ntimeline: { awareAt: 2026-11-20T16:30:00Z }\n" + yaml);

    [Fact]
    public void A_misspelt_fact_path_is_a_load_error_with_a_suggestion()
    {
        using var b = new TempBundle("js", "data.recrods > 1000");
        var d = Assert.Single(b.LoadFails().Diagnostics);
        Assert.Equal(Codes.UnknownFactPath, d.Code);
        Assert.Equal("unknown fact path `data.recrods`", d.Message);
        Assert.Equal("did you mean `data.records`?", d.Help);
        Assert.Equal(17, d.Location!.Column);
    }

    [Fact]
    public void A_syntax_error_points_at_its_column()
    {
        using var b = new TempBundle("js", "data.records >");
        var d = Assert.Single(b.LoadFails().Diagnostics);
        Assert.Equal(Codes.ExpressionSyntax, d.Code);
        Assert.Equal((19, 26), (d.Location!.Line, d.Location.Column));
    }

    [Fact]
    public void A_condition_over_a_missing_fact_is_unknown_not_false()
    {
        using var b = new TempBundle("js", "breach.misuseObserved");
        var decision = Decide(b, Facts("data: { records: 10 }\n"));
        Assert.Contains("m not applied: unknown without breach.misuseObserved", decision.Severity.Reasons);
    }

    [Fact]
    public void False_and_unknown_is_false_as_in_lambda()
    {
        using var b = new TempBundle("js", "data.records > 100 && breach.misuseObserved");
        var decision = Decide(b, Facts("data: { records: 10 }\n"));
        Assert.DoesNotContain(decision.Severity.Reasons, r => r.Contains("unknown", StringComparison.Ordinal));
    }

    [Fact]
    public void A_function_passes_on_the_facts_it_reads_to_its_caller()
    {
        using var b = new TempBundle("js", "big()", functions: "functions:\n  big: 'return data.records > 1000;'");
        var decision = Decide(b, Facts("breach: { cause: intrusion }\n"));
        Assert.Contains("m not applied: unknown without data.records", decision.Severity.Reasons);
        Assert.Equal("medium", Decide(b).Severity.Level);
    }

    [Fact]
    public void Functions_can_take_arguments_and_call_each_other()
    {
        using var b = new TempBundle("js", "weighted(data.records) > 10",
            functions: "functions:\n  weighted: '(n) => scale(n) / 1000'\n  scale: 'function (n) { return n * 2; }'");
        Assert.Equal("medium", Decide(b).Severity.Level);
    }

    [Fact]
    public void Facts_are_read_only()
    {
        using var b = new TempBundle("js", "(data.records = 1) > 0");
        var d = Assert.Single(Repo.Failures(Decide(b)));
        Assert.Equal(Codes.EvaluationFailed, d.Code);
        Assert.Contains("read only", d.Message);
    }

    [Fact]
    public void No_evaluation_can_leave_state_for_the_next()
    {
        using var b = new TempBundle("js", "(Array.prototype.seen = true) && data.records > 0");
        Assert.Equal(Codes.EvaluationFailed, Repo.Failures(Decide(b))[0].Code);
        using var g = new TempBundle("js", "(Math.counter = 1) > 0");
        Assert.Equal(Codes.EvaluationFailed, Repo.Failures(Decide(g))[0].Code);
    }

    [Fact]
    public void Reading_facts_in_a_loop_does_not_reset_the_statement_limit()
    {
        using var b = new TempBundle("js", "(() => { while (true) { data.records; \"a\".repeat(1); establishedIn(\"IE\"); } })()");
        Assert.Equal(Codes.ScriptLimit, Repo.Failures(Decide(b))[0].Code);
    }

    [Fact]
    public void Limits_come_from_the_bundle_manifest()
    {
        using var b = new TempBundle("js", "(() => { let n = 0; for (let i = 0; i < 200; i++) n += i; return n > 0; })()",
            limits: "limits:\n  jsMaxStatements: 100\n");
        var d = Repo.Failures(Decide(b))[0];
        Assert.Contains("more than `100` statements", d.Message);
        Assert.Contains("limits.jsMaxStatements", d.Help);
    }

    [Fact]
    public void Randomness_is_refused()
    {
        using var b = new TempBundle("js", "Math.random() < 2");
        Assert.Equal(Codes.ForbiddenMember, Repo.Failures(Decide(b))[0].Code);
    }

    [Theory]
    [InlineData("data.categories", "[3..4)")]
    [InlineData("data.categories.filter(c => c !== \"contact\")", "[3..4)")]
    [InlineData("subjectsIn(\"EU\") > 10000 ? \"big\" : \"small\"", "big")]
    [InlineData("data.records / 1000", "48")]
    [InlineData("data.records > 1000", "true")]
    public void Value_expressions_are_typed_for_table_inputs(string input, string cell)
    {
        using var b = new TempBundle("js", "data.records > 0", input: input);
        var bundle = b.Load();
        var kind = bundle.SeverityMatrices[0].Inputs[0].Kind;
        Assert.Equal(cell switch { "big" => Compilation.InputKind.Text, "48" => Compilation.InputKind.Number, "true" => Compilation.InputKind.Bool, _ => Compilation.InputKind.List }, kind);
        Assert.Equal("medium", bundle.Decide(Repo.Example()).Severity.Level);
    }

    [Fact]
    public void Guarded_built_ins_still_work()
    {
        using var b = new TempBundle("js", "\"ab\".repeat(2) === \"abab\" && [1, 2].join(\"-\") === \"1-2\" && \"aXa\".replaceAll(\"a\", \"b\") === \"bXb\" && \"a\".padStart(3, \"-\") === \"--a\" && ai.systems.map(s => s.id).join() === \"credit-risk-model-v5\"");
        Assert.Equal("medium", Decide(b).Severity.Level);
    }

    [Fact]
    public void Helpers_and_the_severity_view_are_available()
    {
        using var b = new TempBundle("js", "subjectsIn(\"EU\") === 39000 && establishedIn(\"EU\") && subjectsTotal() === 48000");
        Assert.Equal("medium", Decide(b).Severity.Level);
    }

    [Fact]
    public void Decisions_on_many_threads_agree()
    {
        using var b = new TempBundle("js", "ai.systems.some(s => s.riskClass === \"high\") && data.records > 1000");
        var bundle = b.Load();
        var facts = Repo.Example();
        var levels = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 64, _ => levels.Add(bundle.Decide(facts).Severity.Level));
        Assert.All(levels, l => Assert.Equal("medium", l));
    }
}
