using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Facts;
using Verdict.Rendering;

namespace Verdict.Tests.Risk;

/// <summary>The RiskAssessment kind: likelihood x severity per scenario, unknown facts only where they decide.</summary>
public class RiskAssessmentTests
{
    private const string Policy = """
        apiVersion: verdict.dev/v1
        kind: RiskAssessment
        id: risk/test
        version: 1.0.0
        owner: test
        effective: { from: 2020-01-01 }
        matrix:
          negligible:  [unlikely, unlikely, unlikely, unlikely]
          limited:     [unlikely, unlikely, risk, high]
          significant: [unlikely, risk, high, high]
          maximum:     [risk, high, high, high]
        severity:
          - { id: health, when: 'data.categories.Contains("health")', level: maximum, citation: c }
          - { id: basic, level: limited, citation: c }
        scenarios:
          - id: confidentiality
            when: 'breach.types.Contains("confidentiality")'
            citation: c
            likelihood:
              - { id: encrypted, when: 'data.encryption == "encrypted"', level: negligible, whenUnknown: skip, citation: c }
              - { id: malicious, when: 'breach.recipient == "malicious"', level: maximum, citation: c }
              - { id: default, level: limited, citation: c }
        """;

    private static readonly Lazy<PolicyBundle> Test = new(() => Load(Policy));

    private static PolicyBundle Load(string policy)
    {
        using var t = new TempBundle();
        t.Write("risk/test.yaml", policy);
        return PolicyBundle.Load(t.Dir);
    }

    private static Decisions.RiskResult Risk(string facts) =>
        Test.Value.Decide(FactsLoader.LoadText("id: I\ntimeline:\n  awareAt: 2026-03-01T10:00:00Z\n" + facts)).Risk;

    [Fact]
    public void A_missing_fact_that_changes_the_outcome_makes_the_risk_indeterminate_and_is_listed()
    {
        var r = Risk("breach:\n  types: [confidentiality]\n");
        Assert.Equal("indeterminate", r.Level);
        Assert.Equal(["breach.recipient", "data.categories"], r.MissingFacts);
    }

    [Fact]
    public void A_missing_fact_that_cannot_change_the_outcome_is_not_needed()
    {
        // Health data or not, malicious access to it is high: the categories do not decide.
        var r = Risk("breach:\n  types: [confidentiality]\n  recipient: malicious\n");
        Assert.Equal("high", r.Level);
        Assert.Empty(r.MissingFacts);
    }

    [Fact]
    public void A_mitigating_finding_the_facts_do_not_show_does_not_mitigate()
    {
        var r = Risk("breach:\n  types: [confidentiality]\n  recipient: known\ndata:\n  categories: [health]\n");
        Assert.Equal("high", r.Level);
        Assert.Equal("default", Assert.Single(r.Factors).LikelihoodRule);
    }

    [Fact]
    public void The_factors_name_the_rules_that_decided()
    {
        var f = Assert.Single(Risk("breach:\n  types: [confidentiality]\n  recipient: malicious\ndata:\n  categories: [health]\n").Factors);
        Assert.Equal(("confidentiality", "maximum", "health", "maximum", "malicious", "high"), (f.Scenario, f.Severity, f.SeverityRule, f.Likelihood, f.LikelihoodRule, f.Risk));
    }

    [Fact]
    public void No_scenario_applying_is_unlikely_to_result_in_a_risk() =>
        Assert.Equal("unlikely", Risk("breach:\n  types: [availability]\n").Level);

    [Fact]
    public void The_controllers_assessment_overrides_and_a_different_derived_risk_is_flagged()
    {
        var r = Risk("breach:\n  types: [confidentiality]\n  recipient: malicious\nassessment:\n  riskToRights: unlikely\n");
        Assert.Equal(("unlikely", "high", "unlikely", true), (r.Level, r.Derived, r.Controller, r.Disagreement));
        Assert.Contains(r.Reasons, x => x.Contains("the controller assessed `unlikely` where the policy derives `high`", StringComparison.Ordinal));
    }

    [Fact]
    public void The_controllers_assessment_equal_to_the_derived_risk_is_no_disagreement()
    {
        var r = Risk("breach:\n  types: [confidentiality]\n  recipient: malicious\nassessment:\n  riskToRights: high\n");
        Assert.False(r.Disagreement);
    }

    [Fact]
    public void Without_a_risk_policy_the_controllers_assessment_is_the_risk()
    {
        // A bundle must hold some policy: a calendar is one that decides nothing.
        using var t = new TempBundle().Write("calendars/weekdays.yaml", File.ReadAllText(Path.Combine(Repo.Policies, "calendars", "weekdays.yaml")));
        var r = PolicyBundle.Load(t.Dir).Decide(FactsLoader.LoadText("id: I\ntimeline:\n  awareAt: 2026-03-01T10:00:00Z\nassessment:\n  riskToRights: risk\n")).Risk;
        Assert.Equal(("risk", null, ""), (r.Level, r.Derived, r.Policy));
    }

    [Fact]
    public void The_decision_json_carries_the_risk_with_its_factors()
    {
        var facts = FactsLoader.LoadText("id: I\ntimeline:\n  awareAt: 2026-03-01T10:00:00Z\nbreach:\n  types: [confidentiality]\n  recipient: malicious\n");
        var json = DecisionJson.Write(Test.Value.Decide(facts));
        Assert.Contains("\"risk\": {\n    \"level\": \"high\",\n    \"derived\": \"high\",\n    \"controller\": null,\n    \"disagreement\": false,\n    \"policy\": \"risk/test@1.0.0\"", json);
    }

    [Fact]
    public void A_rule_list_without_a_default_last_is_an_error_at_that_rule()
    {
        var bad = Policy.Replace("  - { id: basic, level: limited, citation: c }", "  - { id: basic, when: 'data.records > 1', level: limited, citation: c }", StringComparison.Ordinal);
        Assert.NotEqual(Policy, bad);
        var e = Assert.Throws<VerdictException>(() => Load(bad));
        var d = Assert.Single(e.Diagnostics);
        Assert.Equal(Codes.RiskRulesNotTotal, d.Code);
        Assert.Equal(14, d.Location?.Line);
        Assert.Contains("the last rule of `severity` (`basic`) has a condition", d.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_fact_path_in_a_rule_is_an_error()
    {
        var bad = Policy.Replace("breach.recipient == \"malicious\"", "breach.recipent == \"malicious\"", StringComparison.Ordinal);
        var e = Assert.Throws<VerdictException>(() => Load(bad));
        Assert.Equal(Codes.UnknownFactPath, e.Diagnostics[0].Code);
    }

    [Theory]
    // Possible ranks as bits (1 unlikely, 2 risk, 4 high): each part is decided only when every possibility agrees.
    [InlineData(0b011, "risk.high", Tri.False)]
    [InlineData(0b011, "risk.unlikely", Tri.Unknown)]
    [InlineData(0b011, "risk.level == \"risk\"", Tri.Unknown)]
    [InlineData(0b110, "risk.unlikely", Tri.False)]
    [InlineData(0b110, "risk.high", Tri.Unknown)]
    [InlineData(0b100, "risk.high", Tri.True)]
    [InlineData(0b001, "risk.unlikely && risk.level == \"unlikely\"", Tri.True)]
    public void Risk_parts_are_decided_only_when_every_possible_level_agrees(int possible, string condition, Tri expected)
    {
        var scope = new FactScope(FactsLoader.LoadText("id: I\ntimeline:\n  awareAt: 2026-03-01T10:00:00Z\n"), new Jurisdictions(new SortedDictionary<string, IReadOnlyList<string>>()));
        scope.SetRisk(possible);
        var c = LambdaLanguage.Instance.CompileCondition(condition, new SourceLocation("t", 1, 1), 0);
        Assert.Equal(expected, c.Evaluate(scope));
    }

    [Fact]
    public void The_circumstances_survive_the_canonical_facts()
    {
        var f = FactsLoader.LoadText("id: I\ntimeline:\n  awareAt: 2026-03-01T10:00:00Z\nbreach:\n  recipient: trusted-third-party\n  recovery: deleted-confirmed\n  intentional: false\n  medium: email\n  unintendedRecipients: 2\n  backupAvailable: true\n  accountsAccessed: 0\ndata:\n  recordsBound: at-least\n  identifiability: limited\n  categories: [salary]\n");
        var json = FactsJson.Canonical(f);
        Assert.Contains("\"breach\":{\"accountsAccessed\":0,\"backupAvailable\":true,\"intentional\":false,\"medium\":\"email\",\"recipient\":\"trusted-third-party\",\"recovery\":\"deleted-confirmed\",\"unintendedRecipients\":2}", json);
        Assert.Contains("\"identifiability\":\"limited\"", json);
        Assert.Contains("\"recordsBound\":\"at-least\"", json);
    }
}
