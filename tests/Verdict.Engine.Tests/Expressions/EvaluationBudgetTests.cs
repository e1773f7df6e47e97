using System.Text;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Facts;

namespace Verdict.Tests.Expressions;

/// <summary>The lambda language counts its steps: a condition that would run for an hour stops with a located error.</summary>
public class EvaluationBudgetTests
{
    private static readonly SourceLocation At = new("p.yaml", 4, 11);

    // 3-level nested Any over access[].fields, the shape that ran for 40 minutes
    private const string Nested = "access.Any(a => facts.access.Any(b => facts.access.Any(c => c.fields.Any(f => f == \"never\" && a.fields.Contains(f) && b.fields.Contains(f)))))";

    private static FactScope Scope(int accesses, int fields)
    {
        var sb = new StringBuilder("id: INC-1\ntimeline:\n  awareAt: 2026-11-20T16:30:00Z\naccess:\n");
        var names = string.Join(", ", Enumerable.Range(0, fields).Select(i => $"F{i}"));
        for (var i = 0; i < accesses; i++) sb.Append($"  - {{actor: a{i}, purpose: p, object: Account, fields: [{names}], records: 1}}\n");
        return new FactScope(FactsLoader.LoadText(sb.ToString()), Jurisdictions.Default);
    }

    [Fact]
    public void Nested_any_over_large_fact_lists_stops_with_a_located_budget_error()
    {
        var condition = LambdaLanguage.Instance.CompileCondition(Nested, At, 0);
        var scope = Scope(200, 50);
        for (var tier = 0; tier < 3; tier++) // interpreted, then compiled: both count
        {
            var e = Assert.Throws<VerdictException>(() => condition.Evaluate(scope));
            Assert.Equal(Codes.EvaluationBudget, e.Diagnostics[0].Code);
            Assert.Equal(At, e.Diagnostics[0].Location);
        }
    }

    [Fact]
    public void A_budget_error_is_the_same_on_every_run()
    {
        var scope = Scope(200, 50);
        string Run() => Assert.Throws<VerdictException>(() => LambdaLanguage.Instance.CompileCondition(Nested, At, 0).Evaluate(scope)).Diagnostics[0].ToString();
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void The_same_nested_condition_over_small_lists_decides()
    {
        var condition = LambdaLanguage.Instance.CompileCondition(Nested, At, 0);
        var scope = Scope(5, 5);
        for (var i = 0; i < 3; i++) Assert.Equal(Tri.False, condition.Evaluate(scope));
    }

    [Fact]
    public void Whole_collections_handed_to_linq_count_their_size()
    {
        // 1,000 x 1,000 lambda steps alone stay within the budget; each Contains adds the 10 fields it scans
        var value = LambdaLanguage.Instance.CompileValue("access.Where(a => facts.access.Any(b => b.fields.Contains(\"zz\"))).Count()", At, 0);
        Assert.Equal(0.0, Convert.ToDouble(value.Read(Scope(3, 4))));
        var e = Assert.Throws<VerdictException>(() => value.Read(Scope(1_000, 10)));
        Assert.Equal(Codes.EvaluationBudget, e.Diagnostics[0].Code);
    }
}
