using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Facts;

namespace Verdict.Tests.Expressions;

/// <summary>Hostile conditions end in a located error before any parser or visitor can overflow the stack.</summary>
public class ExpressionLimitTests
{
    private static readonly SourceLocation At = new("p.yaml", 10, 9);

    private static Diagnostic Error(string expr) =>
        Assert.Throws<VerdictException>(() => LambdaLanguage.Instance.CompileCondition(expr, At, 0)).Diagnostics[0];

    private static Tri Eval(string expr) =>
        LambdaLanguage.Instance.CompileCondition(expr, At, 0).Evaluate(new FactScope(
            FactsLoader.LoadText("id: INC-1\ntimeline:\n  awareAt: 2026-11-20T16:30:00Z\nai:\n  involved: true\n"), Jurisdictions.Default));

    [Fact]
    public void Two_thousand_nested_parentheses_are_a_located_error()
    {
        var d = Error(new string('(', 2000) + "ai.involved" + new string(')', 2000));
        Assert.Equal(Codes.ExpressionTooComplex, d.Code);
        Assert.Equal(new SourceLocation("p.yaml", 10, 9 + 32), d.Location);
        Assert.Contains("deeper than 32", d.Message);
    }

    [Fact]
    public void Thirty_thousand_negations_are_a_located_error()
    {
        var d = Error(new string('!', 3000) + "ai.involved");
        Assert.Equal(Codes.ExpressionTooComplex, d.Code);
        Assert.Equal(9 + 16, d.Location!.Column);
    }

    [Fact]
    public void A_long_chain_of_or_operators_is_a_located_error()
    {
        var d = Error(string.Join("||", Enumerable.Repeat("true", 600)));
        Assert.Equal(Codes.ExpressionTooComplex, d.Code);
        Assert.Contains("more than 512 operators", d.Message);
    }

    [Fact]
    public void A_chain_of_not_keywords_counts_as_prefix_operators() =>
        Assert.Equal(Codes.ExpressionTooComplex, Error(string.Concat(Enumerable.Repeat("not ", 40)) + "ai.involved").Code);

    [Fact]
    public void An_overlong_expression_is_a_located_error() =>
        Assert.Contains("characters long", Error("ai.involved == " + new string('1', 20_000)).Message);

    [Fact]
    public void Text_at_the_limits_still_compiles_and_evaluates()
    {
        var deep = new string('(', 31) + "ai.involved" + new string(')', 31);
        Assert.Equal(Tri.True, Eval(deep));
        var wide = string.Join(" || ", Enumerable.Repeat("!ai.involved", 512)) + " || ai.involved";
        Assert.Equal(Tri.True, Eval(wide));
        var evaluated = LambdaLanguage.Instance.CompileCondition(wide, At, 0);
        var scope = new FactScope(FactsLoader.LoadText("id: I\ntimeline:\n  awareAt: 2026-11-20T16:30:00Z\nai:\n  involved: true\n"), Jurisdictions.Default);
        for (var i = 0; i < 3; i++) Assert.Equal(Tri.True, evaluated.Evaluate(scope)); // interpreted, then compiled
    }

    [Fact]
    public void Operators_inside_strings_do_not_count() =>
        Assert.Equal(Tri.False, Eval("ai.involved == false && \"" + new string('(', 100) + string.Concat(Enumerable.Repeat("||", 600)) + "\" == \"x\""));

    [Fact]
    public void Code_inside_a_js_template_literal_counts_toward_the_nesting_limit()
    {
        var text = "`${" + new string('(', 2000) + "1" + new string(')', 2000) + "}` === \"1\"";
        Assert.NotNull(ExpressionLimits.Script.Find(text));
    }
}
