using Verdict.Tests.Regimes;

namespace Verdict.Tests.Conformance;

/// <summary>
/// Runs the YAML conformance corpus (<c>tests/conformance</c>) against the shipped bundle: one test case per file,
/// each written from the statute it cites. Also guards the corpus itself: every shipped regime has cases, and a
/// case that expects the wrong thing fails.
/// </summary>
public class ConformanceTests
{
    public static TheoryData<string> Cases() => new(ConformanceCase.Files());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_holds_against_the_shipped_bundle(string file)
    {
        var c = ConformanceCase.Load(file);
        var problems = c.Check(RegimeCase.Bundle);
        Assert.True(problems.Count == 0, $"{file} ({string.Join("; ", c.Cites)}):\n  " + string.Join("\n  ", problems));
    }

    [Fact]
    public void Every_shipped_regime_has_conformance_cases()
    {
        var covered = ConformanceCase.Files().Select(f => f.Split('/')[0]).ToHashSet(StringComparer.Ordinal);
        var uncovered = RegimeCase.Bundle.Notifications.Select(n => n.Document.Regime).Where(r => !covered.Contains(r))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(uncovered.Count == 0, "regimes without conformance cases: " + string.Join(", ", uncovered));
    }

    [Fact]
    public void A_wrong_deadline_is_reported()
    {
        var c = ConformanceCase.Parse(Text("dueAt: 2026-11-30T00:00:00Z"), "wrong.yaml");
        Assert.Contains(c.Check(RegimeCase.Bundle), p => p.StartsWith("us-al-residents: dueAt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_expectation_key_is_an_error()
    {
        var e = Assert.Throws<InvalidDataException>(() => ConformanceCase.Parse(Text("dueAtt: 2026-11-30T00:00:00Z"), "typo.yaml"));
        Assert.Contains("unknown key `dueAtt`", e.Message);
    }

    [Fact]
    public void A_case_must_cite_its_clause()
    {
        var text = Text("dueAt: null").Replace("cites: \"Ala. Code § 8-38-5(b)\"\n", "");
        Assert.Throws<InvalidDataException>(() => ConformanceCase.Parse(text, "uncited.yaml"));
    }

    private static string Text(string expectation) => $$"""
        regime: us-al
        cites: "Ala. Code § 8-38-5(b)"
        facts:
          id: CONF-SELF
          timeline: { awareAt: 2026-10-15T16:00:00Z }
          organization: { role: controller }
          breach: { exfiltration: confirmed }
          data: { categories: [financial], subjects: { US-AL: 10 }, encryption: none }
          assessment: { riskToRights: risk }
        expect:
          - id: us-al-residents
            status: required
            {{expectation}}
        """;
}
