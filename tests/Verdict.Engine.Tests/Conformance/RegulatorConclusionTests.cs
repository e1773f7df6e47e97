using Verdict.Decisions;
using Verdict.Facts;
using Verdict.Syntax;
using Verdict.Tests.Regimes;

namespace Verdict.Tests.Conformance;

/// <summary>
/// The regulators' own examples, written as incidents (tests/regulators/*/NAME.yaml: source, the regulator's
/// conclusion in words, the regime (gdpr unless `regime: uk-gdpr`), the expected Art 33 / Art 34 outcome and the facts), decided by the shipped bundle without
/// the controller's assessment, so the derived risk alone decides. One test case per file.
/// </summary>
public class RegulatorConclusionTests
{
    private static readonly string Root = Repo.PathOf("tests", "regulators");

    private static IEnumerable<string> Names() =>
        Directory.GetFiles(Root, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'));

    public static TheoryData<string> Cases() => new(Names());

    [Theory]
    [MemberData(nameof(Cases))]
    public void Regulator_conclusion_is_reproduced(string name)
    {
        var doc = (MapNode)NodeReader.ReadFile(Path.Combine(Root, name), name);
        Assert.False(string.IsNullOrWhiteSpace(doc.GetString("source")), $"{name}: every case cites its source");
        var expect = (MapNode)doc.GetValue("expect")!;
        var facts = FactsLoader.FromNode(doc.GetValue("facts")!);
        Assert.False(facts.Has("assessment.riskToRights"), $"{name}: the derived risk must decide, not the controller's assessment");

        var decision = RegimeCase.Bundle.Decide(facts);
        var risk = decision.Risk;
        Assert.True(risk.Level != "indeterminate", $"{name}: risk is indeterminate, missing [{string.Join(", ", risk.MissingFacts)}]");
        var why = $"{name}: risk {risk.Level} because {string.Join("; ", risk.Reasons)}";
        if (expect.GetString("risk") is { } level) Assert.True(level == risk.Level, $"expected risk {level}. {why}");
        var (art33, art34) = doc.GetString("regime") switch
        {
            "uk-gdpr" => ("ukgdpr-art33-ico", "ukgdpr-art34-subjects"),
            _ => ("gdpr-art33-sa", "gdpr-art34-subjects"),
        };
        Check(decision, art33, expect.GetString("art33"), why);
        Check(decision, art34, expect.GetString("art34"), why);
    }

    [Fact]
    public void Every_case_asserts_an_art33_outcome()
    {
        foreach (var name in Names())
        {
            var expect = ((MapNode)NodeReader.ReadFile(Path.Combine(Root, name), name)).GetValue("expect") as MapNode;
            Assert.True(expect?.GetString("art33") is "required" or "not-required", $"{name}: expect.art33 is required or not-required");
        }
    }

    // "required": the duty is owed. "not-required": it is exempt or does not arise. Indeterminate never passes.
    private static void Check(Decision d, string id, string? expected, string why)
    {
        if (expected is null) return;
        var rows = d.Obligations.Where(o => o.Id == id).ToList();
        Assert.True(rows.All(r => r.Status != "indeterminate"), $"{id} is indeterminate, missing [{string.Join(", ", rows.SelectMany(r => r.MissingFacts))}]. {why}");
        var owed = rows.Any(r => r.Status == "required");
        Assert.True(owed == (expected == "required"), $"{id}: expected {expected}, got {(rows.Count == 0 ? "absent" : string.Join(", ", rows.Select(r => r.Status)))}. {why}");
    }
}
