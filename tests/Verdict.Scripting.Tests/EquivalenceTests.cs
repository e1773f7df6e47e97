using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Model;
using Verdict.Rendering;

namespace Verdict.Scripting.Tests;

/// <summary>
/// The shipped severity matrix written in js and in csharp (tests/equivalence/&lt;lang&gt;/) gives byte-identical decisions
/// to the lambda original on every example incident, the rest of the shipped bundle being the same.
/// </summary>
public class EquivalenceTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var lang in new[] { "js", "csharp" })
        foreach (var example in Repo.Examples())
            data.Add(lang, example);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_severity_matrix_in_another_language_decides_byte_for_byte_like_lambda(string language, string example)
    {
        var facts = Repo.Example(example);
        var lambda = ScriptLanguages.Load(Repo.Policies, Repo.WithCSharp);
        var other = Swapped(language);

        Assert.Equal(Comparable(lambda.Decide(facts)), Comparable(other.Decide(facts)));
    }

    public static TheoryData<string, string> Missing()
    {
        var data = new TheoryData<string, string>();
        foreach (var lang in new[] { "js", "csharp" })
        foreach (var key in new[] { "misuseObserved", "exfiltration", "cause", "dataRecovered", "ai", "categories", "subjectTypes", "encryption", "records", "dataHolder" })
            data.Add(lang, key);
        return data;
    }

    [Theory]
    [MemberData(nameof(Missing))]
    public void Missing_facts_make_the_same_conditions_unknown_in_every_language(string language, string key)
    {
        var facts = Facts.FactsLoader.LoadText(Without(File.ReadAllText(Repo.PathOf("policies", "examples", "fintech-credit-risk-sync.yaml")), key));
        var lambda = ScriptLanguages.Load(Repo.Policies, Repo.WithCSharp);
        Assert.Equal(Comparable(lambda.Decide(facts)), Comparable(Swapped(language).Decide(facts)));
    }

    /// <summary>The facts text without a key (and the block under it).</summary>
    private static string Without(string yaml, string key)
    {
        var kept = new List<string>();
        var skipIndent = -1;
        foreach (var line in yaml.Split('\n'))
        {
            var indent = line.Length - line.TrimStart().Length;
            if (skipIndent >= 0 && (indent > skipIndent || line.Trim().Length == 0)) continue;
            skipIndent = -1;
            if (line.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)) { skipIndent = indent; continue; }
            kept.Add(line);
        }
        return string.Join('\n', kept);
    }

    [Fact]
    public void The_copies_keep_the_rows_rationales_and_version_of_the_original()
    {
        var original = Read(Repo.Policies).Documents.OfType<SeverityMatrixDocument>().Single();
        foreach (var language in new[] { "js", "csharp" })
        {
            var copy = Read(Repo.PathOf("tests", "equivalence", language)).Documents.OfType<SeverityMatrixDocument>().Single();
            Assert.Equal(original.Header.Ref, copy.Header.Ref);
            Assert.Equal(language, copy.Header.Language);
            Assert.Equal(original.Rows.Select(r => (r.Id, r.Level, r.Rationale)), copy.Rows.Select(r => (r.Id, r.Level, r.Rationale)));
            Assert.Equal(original.Modifiers.Select(m => (m.Id, m.Adjust, m.AtLeast, m.AtMost, m.SkipWhenUnknown, m.Rationale)),
                copy.Modifiers.Select(m => (m.Id, m.Adjust, m.AtLeast, m.AtMost, m.SkipWhenUnknown, m.Rationale)));
        }
    }

    /// <summary>The shipped bundle with its severity matrix replaced by the copy in <paramref name="language"/>.</summary>
    internal static PolicyBundle Swapped(string language)
    {
        var shipped = Read(Repo.Policies);
        var copy = Read(Repo.PathOf("tests", "equivalence", language));
        var docs = shipped.Documents.Where(d => d is not SeverityMatrixDocument).Concat(copy.Documents)
            .OrderBy(d => d.Header.Id, StringComparer.Ordinal).ThenBy(d => d.Header.From).ToList();
        var source = new BundleSource
        {
            Root = shipped.Root, Manifest = shipped.Manifest, Documents = docs,
            Digest = shipped.Digest + "+" + language, Files = shipped.Files.Concat(copy.Files).ToList(),
        };
        var diagnostics = new List<Diagnostic>();
        var bundle = ScriptLanguages.Compile(source, diagnostics, Repo.WithCSharp);
        Assert.True(bundle is not null, string.Join("\n", diagnostics));
        return bundle!;
    }

    private static BundleSource Read(string folder)
    {
        var diagnostics = new List<Diagnostic>();
        var source = BundleSource.Read(folder, diagnostics);
        Assert.True(source is not null, string.Join("\n", diagnostics));
        return source!;
    }

    /// <summary>The decision JSON without the lines that carry the bundle digest (and the decision id derived from it).</summary>
    private static string Comparable(Decisions.Decision d) =>
        string.Join("\n", DecisionJson.Write(d).Split('\n').Where(l => !l.Contains("\"digest\"", StringComparison.Ordinal) && !l.Contains("\"decisionId\"", StringComparison.Ordinal)));
}
