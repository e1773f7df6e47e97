using FsCheck;
using FsCheck.Fluent;
using Verdict.Compilation;

namespace Verdict.Tests.Purpose;

/// <summary>
/// The hot path's pattern matching agrees with a plain reference matcher: case-insensitive like ordinal-ignore-case
/// comparison, including letters such as <c>ı</c> that fold onto ASCII, so the first-letter index never hides a deny.
/// </summary>
public class FieldPatternPropertyTests
{
    private static readonly char[] PatternChars = ['a', 'b', 'A', 'I', 'ı', '*', '*'];
    private static readonly char[] TextChars = ['a', 'b', 'A', 'B', 'I', 'i', 'ı'];

    private static Gen<string> Text(char[] alphabet, int min) =>
        from n in Gen.Choose(min, 6)
        from cs in Gen.ArrayOf(Gen.Elements(alphabet), n)
        select new string(cs);

    // Reference: every way of matching '*' against any run, characters equal when their invariant upper cases are.
    private static bool Reference(string p, string s)
    {
        if (p.Length == 0) return s.Length == 0;
        if (p[0] == '*') return Enumerable.Range(0, s.Length + 1).Any(k => Reference(p[1..], s[k..]));
        return s.Length > 0 && char.ToUpperInvariant(p[0]) == char.ToUpperInvariant(s[0]) && Reference(p[1..], s[1..]);
    }

    [Fact]
    public void A_glob_matches_exactly_when_the_reference_matcher_does() =>
        Prop.ForAll(Text(PatternChars, 1).ToArbitrary(), Text(TextChars, 0).ToArbitrary(), (pattern, text) =>
            new Glob(pattern).Matches(text) == Reference(pattern, text)).QuickCheckThrowOnFailure();

    [Fact]
    public void The_first_letter_index_finds_a_match_whenever_a_linear_scan_does() =>
        Prop.ForAll(Gen.ArrayOf(Text(PatternChars, 1)).ToArbitrary(), Text(TextChars, 0).ToArbitrary(), (patterns, field) =>
        {
            var index = new PatternIndex<string>(patterns.Select(p => ((Glob?)null, new Glob(p), p)));
            var linear = patterns.Any(p => new Glob(p).Matches(field));
            return (index.Any("Obj", field) is not null) == linear;
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData("Credit*", "creditScore__c", true)]
    [InlineData("*__c", "CreditScore__c", true)]
    [InlineData("*Score*", "CreditScore__c", true)]
    [InlineData("A*B*C", "AxxBxxC", true)]
    [InlineData("A*B*C", "AxxCxxB", false)]
    [InlineData("Mailing*", "Mailing", true)]
    [InlineData("*.x", "y", false)]
    public void Glob_examples(string pattern, string text, bool matches) => Assert.Equal(matches, new Glob(pattern).Matches(text));

    [Theory]
    [InlineData("I", "ı")]
    [InlineData("i", "İ")]
    [InlineData("S", "ſ")]
    [InlineData("K", "\u212A")]
    public void Wildcard_patterns_fold_case_exactly_like_the_exact_field_lookup(string ascii, string other)
    {
        // exact names are looked up ordinal-ignore-case; a wildcard pattern must treat these letters the same way
        var exact = string.Equals(ascii + "nternal", other + "nternal", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(exact, new Glob(ascii + "nternal*").Matches(other + "nternalNotes"));
        Assert.Equal(exact, new PatternIndex<string>([(null, new Glob(ascii + "nternal*"), "deny")]).Any("Obj", other + "nternalNotes") is not null);
    }
}
