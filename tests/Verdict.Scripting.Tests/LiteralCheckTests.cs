using Verdict.Diagnostics;

namespace Verdict.Scripting.Tests;

/// <summary>A literal that can never match a closed fact or a helper's domain is a load error in every language, with "did you mean".</summary>
public class LiteralCheckTests
{
    private static Diagnostic LoadError(string language, string when)
    {
        using var b = new TempBundle(language, when, input: language == "csharp" ? "Data.Records" : "data.records");
        return Assert.Single(b.LoadFails().Diagnostics);
    }

    [Theory]
    [InlineData("lambda", "breach.cause in (\"intrusoin\", \"malware\")", "intrusoin", "intrusion")]
    [InlineData("lambda", "data.encryption == \"encrpyted\"", "encrpyted", "encrypted")]
    [InlineData("lambda", "data.categories.Contains(\"helth\")", "helth", "health")]
    [InlineData("lambda", "data.subjectTypes.Any(it in (\"minors\", \"vulnerabel\"))", "vulnerabel", "vulnerable")]
    [InlineData("lambda", "ai.systems.Any(autonomy == \"autonomous-agnet\")", "autonomous-agnet", "autonomous-agent")]
    [InlineData("lambda", "severity.atLeast(\"hihg\")", "hihg", "high")]
    [InlineData("js", "breach.cause === \"intrusoin\"", "intrusoin", "intrusion")]
    [InlineData("js", "data.categories.includes(\"helth\")", "helth", "health")]
    [InlineData("js", "[\"intrusoin\", \"malware\"].includes(breach.cause)", "intrusoin", "intrusion")]
    [InlineData("js", "ai.systems.some(s => s.autonomy === \"autonomous-agnet\")", "autonomous-agnet", "autonomous-agent")]
    [InlineData("js", "severity.atLeast(\"hihg\")", "hihg", "high")]
    [InlineData("csharp", "Breach.Cause == \"intrusoin\"", "intrusoin", "intrusion")]
    [InlineData("csharp", "Data.Categories.Contains(\"helth\")", "helth", "health")]
    [InlineData("csharp", "new[] { \"intrusoin\", \"malware\" }.Contains(Breach.Cause)", "intrusoin", "intrusion")]
    [InlineData("csharp", "Ai.Systems.Any(s => s.Autonomy == \"autonomous-agnet\")", "autonomous-agnet", "autonomous-agent")]
    [InlineData("csharp", "Data.SubjectTypes.Any(t => t == \"minorz\")", "minorz", "minors")]
    [InlineData("csharp", "Severity.AtLeast(\"hihg\")", "hihg", "high")]
    public void A_misspelt_enum_literal_is_a_located_load_error_with_a_suggestion(string language, string when, string literal, string near)
    {
        var d = LoadError(language, when);
        Assert.Equal(Codes.UnknownEnumValue, d.Code);
        Assert.StartsWith($"`{literal}` is not a value of `", d.Message);
        Assert.StartsWith($"did you mean `{near}`?", d.Help);
        // the column of the literal's first character inside the quoted condition (content starts at column 12)
        Assert.Equal((19, 12 + when.IndexOf(literal, StringComparison.Ordinal)), (d.Location!.Line, d.Location.Column));
    }

    [Theory]
    [InlineData("lambda", "subjectsIn(\"US-XX\") > 0", Codes.UnknownJurisdiction)]
    [InlineData("lambda", "establishedIn(\"california\")", Codes.UnknownJurisdiction)]
    [InlineData("lambda", "owes(\"gdrp\")", Codes.BadHelperArgument)]
    [InlineData("lambda", "earliestDueWithinHours(-1)", Codes.BadHelperArgument)]
    [InlineData("js", "subjectsIn(\"US-XX\") > 0", Codes.UnknownJurisdiction)]
    [InlineData("js", "owes(\"gdrp\")", Codes.BadHelperArgument)]
    [InlineData("js", "earliestDueWithinHours(0)", Codes.BadHelperArgument)]
    [InlineData("csharp", "SubjectsIn(\"US-XX\") > 0", Codes.UnknownJurisdiction)]
    [InlineData("csharp", "Owes(\"gdrp\")", Codes.BadHelperArgument)]
    [InlineData("csharp", "EarliestDueWithinHours(100000000)", Codes.BadHelperArgument)]
    public void A_helper_argument_that_can_never_match_is_a_load_error(string language, string when, string code) =>
        Assert.Equal(code, LoadError(language, when).Code);

    [Theory]
    [InlineData("lambda", "subjectsIn(\"US-CA\") > 0 && owes(\"gdpr\") && severity.atLeast(\"high\") && earliestDueWithinHours(24)")]
    [InlineData("js", "subjectsIn(\"EEA\") > 0 && breach.cause === \"intrusion\" && data.categories.includes(\"health\")")]
    [InlineData("csharp", "SubjectsIn(\"CA-QC\") > 0 && Breach.Cause == \"intrusion\" && Data.Categories.Contains(\"health\")")]
    public void Literals_the_facts_can_take_load(string language, string when)
    {
        using var b = new TempBundle(language, when, input: language == "csharp" ? "Data.Records" : "data.records");
        Assert.NotNull(b.Load());
    }

    [Fact]
    public void A_misspelt_enum_literal_inside_a_js_function_is_a_load_error_at_its_place()
    {
        using var b = new TempBundle("js", "bad()", functions: "functions:\n  bad: 'return breach.cause === \"intrusoin\";'");
        var d = Assert.Single(b.LoadFails().Diagnostics);
        Assert.Equal(Codes.UnknownEnumValue, d.Code);
        Assert.Equal((9, 34), (d.Location!.Line, d.Location.Column));
    }
}
