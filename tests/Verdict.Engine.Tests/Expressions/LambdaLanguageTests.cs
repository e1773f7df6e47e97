using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Facts;

namespace Verdict.Tests.Expressions;

public class LambdaLanguageTests
{
    private static readonly SourceLocation At = new("p.yaml", 10, 9);

    private static IncidentFacts Facts(string extra = "") => FactsLoader.LoadText(
        "id: INC-1\ntimeline:\n  awareAt: 2026-11-20T16:30:00Z\n" + extra);

    private static Tri Eval(string expr, IncidentFacts facts) =>
        LambdaLanguage.Instance.CompileCondition(expr, At, 0).Evaluate(new FactScope(facts, Jurisdictions.Default));

    private static Diagnostic Error(string expr) =>
        Assert.Throws<VerdictException>(() => LambdaLanguage.Instance.CompileCondition(expr, At, 0)).Diagnostics[0];

    [Theory]
    [InlineData("data.records >= 10000 && data.categories.Contains(\"health\")", Tri.True)]
    [InlineData("data.records < 10000", Tri.False)]
    [InlineData("subjectsIn(\"EU\") == 39000", Tri.True)]
    [InlineData("subjectsIn(\"US\") == 5000", Tri.True)]
    [InlineData("subjectsIn(\"EEA\") == 39100", Tri.True)]
    [InlineData("ai.systems.Any(autonomy == \"autonomous-agent\")", Tri.True)]
    [InlineData("organization.role in (\"controller\", \"joint-controller\")", Tri.True)]
    public void Conditions_read_typed_facts(string expr, Tri expected)
    {
        var f = Facts("organization:\n  role: controller\ndata:\n  records: 48000\n  categories: [health]\n  subjects: {DE: 30000, FR: 9000, NO: 100, US-CA: 5000}\nai:\n  systems:\n    - id: a\n      autonomy: autonomous-agent\n");
        Assert.Equal(expected, Eval(expr, f));
    }

    [Theory]
    [InlineData("EU: 10", "EEA", 10)]
    [InlineData("EU: 10", "EU", 10)]
    [InlineData("UK: 7", "GB", 7)]
    [InlineData("EL: 3", "EU", 3)]
    [InlineData("CA-QC: 4, CA: 1", "CA", 5)]
    [InlineData("US-CA: 4", "CA", 0)]
    public void Jurisdiction_groups_cover_members_subdivisions_and_aliases(string subjects, string jurisdiction, long expected)
    {
        var scope = new FactScope(Facts($"data:\n  subjects: {{{subjects}}}\n"), Jurisdictions.Default);
        Assert.Equal(expected, scope.SubjectsIn(jurisdiction));
    }

    [Theory]
    [InlineData("data.records > 5", Tri.Unknown)]
    [InlineData("data.records > 5 && false", Tri.False)]
    [InlineData("data.records > 5 || true", Tri.True)]
    [InlineData("!(data.records > 5)", Tri.Unknown)]
    public void A_missing_fact_is_unknown_only_where_it_matters(string expr, Tri expected) =>
        Assert.Equal(expected, Eval(expr, Facts()));

    [Fact]
    public void Missing_facts_are_listed()
    {
        var c = LambdaLanguage.Instance.CompileCondition("data.records > 5 && assessment.riskToRights == \"high\"", At, 0);
        var scope = new FactScope(Facts(), Jurisdictions.Default);
        var missing = new SortedSet<string>();
        c.CollectMissing(scope, missing);
        Assert.Equal(["assessment.riskToRights", "data.records"], missing);
    }

    [Fact]
    public void Unknown_fact_path_names_the_place_and_suggests()
    {
        var d = Error("data.recrods >= 10");
        Assert.Equal(Codes.UnknownFactPath, d.Code);
        Assert.Equal("unknown fact path `data.recrods`", d.Message);
        Assert.Equal("did you mean `data.records`?", d.Help);
        Assert.Equal(new SourceLocation("p.yaml", 10, 14), d.Location);
    }

    [Theory]
    [InlineData("DateTime.Now.Year > 2000")]
    [InlineData("Guid.NewGuid() != Guid.Empty")]
    [InlineData("\"x\".GetType().Name == \"String\"")]
    [InlineData("System.IO.File.Exists(\"/etc/passwd\")")]
    [InlineData("Environment.ProcessorCount > 0")]
    [InlineData("Convert.ToInt32(\"1\") == 1")]
    public void Nothing_outside_the_facts_is_reachable(string expr)
    {
        var d = Error(expr);
        Assert.Contains(d.Code, new[] { Codes.ForbiddenMember, Codes.UnknownFactPath, Codes.ExpressionSyntax });
        Assert.True(char.IsLower(d.Message[0]) || d.Message[0] == '`', d.Message);
        Assert.DoesNotContain("Exception", d.Message);
    }

    [Fact]
    public void A_condition_must_be_true_or_false()
    {
        var d = Error("data.records");
        Assert.Equal(Codes.ExpressionType, d.Code);
    }

    [Fact]
    public void Severity_is_visible_to_later_stages()
    {
        var scope = new FactScope(Facts(), Jurisdictions.Default);
        var c = LambdaLanguage.Instance.CompileCondition("severity.atLeast(\"high\")", At, 0);
        Assert.Equal(Tri.Unknown, c.Evaluate(scope));
        scope.SetSeverity(3);
        Assert.Equal(Tri.True, c.Evaluate(scope));
    }
}
