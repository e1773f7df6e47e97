using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Scripting.Tests;

/// <summary>The csharp language: checks at load, three-valued results, one compile per bundle content.</summary>
public class CSharpLanguageTests
{
    private static IncidentFacts Facts(string yaml) => FactsLoader.LoadText("id: T-1\ntimeline: { awareAt: 2026-11-20T16:30:00Z }\n" + yaml);

    [Fact]
    public void A_misspelt_member_is_a_load_error_with_a_suggestion()
    {
        using var b = new TempBundle("csharp", "Data.Recrods > 1000", input: "Data.Records");
        var d = Assert.Single(b.LoadFails().Diagnostics);
        Assert.Equal(Codes.UnknownFactPath, d.Code);
        Assert.Equal("unknown member `Recrods`", d.Message);
        Assert.Equal("did you mean `Records`?", d.Help);
        Assert.Equal((19, 17), (d.Location!.Line, d.Location.Column));
    }

    [Fact]
    public void A_condition_must_be_true_or_false()
    {
        using var b = new TempBundle("csharp", "Data.Records", input: "Data.Records");
        Assert.Equal(Codes.ExpressionType, Assert.Single(b.LoadFails().Diagnostics).Code);
    }

    [Fact]
    public void A_syntax_error_points_at_its_column()
    {
        using var b = new TempBundle("csharp", "Data.Records >", input: "Data.Records");
        var d = Assert.Single(b.LoadFails().Diagnostics);
        Assert.Equal(Codes.ExpressionSyntax, d.Code);
        Assert.Equal(19, d.Location!.Line);
    }

    [Fact]
    public void A_condition_over_a_missing_fact_is_unknown_not_false()
    {
        using var b = new TempBundle("csharp", "Breach.MisuseObserved", input: "Data.Records");
        var decision = b.Load().Decide(Facts("data: { records: 10 }\n"));
        Assert.Contains("m not applied: unknown without breach.misuseObserved", decision.Severity.Reasons);
    }

    [Fact]
    public void Helpers_read_the_facts_they_declare()
    {
        using var b = new TempBundle("csharp", "SubjectsIn(\"EU\") > 1000 && EstablishedIn(\"IE\")", input: "Data.Records");
        var decision = b.Load().Decide(Facts("data: { records: 10 }\n"));
        Assert.Contains("m not applied: unknown without data.subjects, organization.establishments", decision.Severity.Reasons);
        Assert.Equal("medium", b.Load().Decide(Repo.Example()).Severity.Level);
    }

    [Fact]
    public void Reloading_an_unchanged_bundle_does_not_compile_again()
    {
        using var b = new TempBundle("csharp", "Data.Categories.Count(c => c.StartsWith(\"fin\")) == 1", input: "Data.Records * 2");
        b.Load();
        var before = CSharpLanguage.CompileCount;
        var again = b.Load();
        Assert.Equal(before, CSharpLanguage.CompileCount);
        Assert.Equal("medium", again.Decide(Repo.Example()).Severity.Level);
    }

    [Fact]
    public void Functions_blocks_are_for_js_only()
    {
        using var b = new TempBundle("csharp", "Data.Records > 0", input: "Data.Records", functions: "functions:\n  f: 'return 1;'");
        Assert.Contains("`functions:` is for js policies", Assert.Single(b.LoadFails().Diagnostics).Message);
    }

    [Theory]
    [InlineData("Data.Records.GetHashCode() > 0", "`Int64.GetHashCode`")]
    [InlineData("Data.Categories.Aggregate(\"\", (a, c) => a + c).Length > 0", "`Enumerable.Aggregate`")]
    [InlineData("((Func<bool>)(() => true))()", "Func")]
    [InlineData("Data.Records++ > 0", "`++`")]
    [InlineData("new System.Text.StringBuilder().Length == 0", "`new`")]
    public void Anything_outside_the_allow_list_is_refused_with_its_name(string when, string named)
    {
        using var b = new TempBundle("csharp", when, input: "Data.Records");
        var d = Assert.Single(b.LoadFails().Diagnostics);
        Assert.Equal(Codes.ForbiddenMember, d.Code);
        Assert.Contains(named, d.Message);
    }

    [Fact]
    public void A_failing_expression_reports_its_place_instead_of_crashing()
    {
        using var b = new TempBundle("csharp", "Ai.Systems[5].RiskClass == \"high\"", input: "Data.Records");
        var d = Assert.Single(Repo.Failures(b.Load().Decide(Repo.Example())));
        Assert.Equal(Codes.EvaluationFailed, d.Code);
        Assert.Equal(19, d.Location!.Line);
    }
}
