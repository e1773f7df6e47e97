using NodaTime;
using Verdict.Compilation;
using Verdict.Decisions;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Rendering;
using Verdict.Schemas;

namespace Verdict.Tests.Outcomes;

/// <summary>A policy that fails at decision time yields a failed item with its diagnostic; the rest is still decided.</summary>
public class FailedPolicyTests
{
    private static Decision Decide(bool explain = false)
    {
        using var dir = FailedPolicyBundle.Write(new TempBundle());
        var bundle = PolicyBundle.Load(dir.Dir);
        return bundle.Decide(FactsLoader.LoadText(FailedPolicyBundle.Facts), new DecideOptions { Explain = explain });
    }

    [Fact]
    public void A_unique_matrix_matching_two_rows_fails_the_severity_and_the_obligations_are_still_decided()
    {
        var d = Decide();
        Assert.Equal(SeverityLevels.Failed, d.Severity.Level);
        var o = Assert.Single(d.Obligations);
        Assert.Equal((Outcome.Required, Instant.FromUtc(2026, 6, 4, 10, 0)), (o.Status, o.DueAt!.Value));
    }

    [Fact]
    public void The_failure_names_the_stage_policy_code_and_place_of_the_defect()
    {
        var f = Assert.Single(Decide().Failures);
        Assert.Equal(("severity", "severity/overlap@1.0.0", (string?)null, Codes.UniqueMultipleHits), (f.Stage, f.Policy, f.Item, f.Code));
        Assert.Equal("unique severity matrix `severity/overlap@1.0.0` matches rows `small`, `health`", f.Message);
        Assert.EndsWith("severity/overlap.yaml", f.File!.Replace('\\', '/'));
        Assert.Equal((13, 5), (f.Line, f.Column)); // the second matching row
    }

    [Fact]
    public void A_condition_on_a_failed_severity_is_unknown_so_an_including_step_is_paged_with_the_reason()
    {
        var exec = Assert.Single(Decide().Escalation, s => s.Role == "ciso");
        Assert.Contains("unknown without severity", exec.Reason);
    }

    [Fact]
    public void The_json_lists_the_failure_and_validates_against_the_decision_schema()
    {
        var json = DecisionJson.Write(Decide(explain: true));
        Assert.Contains("\"failures\": [", json);
        Assert.Contains("\"level\": \"failed\"", json);
        Assert.Empty(SchemaCatalog.Get("decision.schema.json").Validate(json));
    }

    [Fact]
    public void Text_and_markdown_show_the_failed_policy()
    {
        var d = Decide();
        Assert.Contains("failed policies (1)", DecisionText.Write(d));
        Assert.Contains("## Failed policies", DecisionMarkdown.Write(d));
    }

    [Fact]
    public void A_decision_without_failures_writes_no_failures_key()
    {
        var bundle = PolicyBundle.Load(Repo.Policies);
        var d = bundle.Decide(FactsLoader.LoadFile(Repo.PathOf("policies", "examples", "fintech-credit-risk-sync.yaml")));
        Assert.Empty(d.Failures);
        Assert.DoesNotContain("\"failures\"", DecisionJson.Write(d));
    }
}
